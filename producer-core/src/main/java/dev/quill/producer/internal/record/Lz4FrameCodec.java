package dev.quill.producer.internal.record;

import dev.quill.producer.CompressionType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHashFactory;

/**
 * The LZ4 frame format as Kafka writes it for magic 2: independent 64 KiB blocks, no block or content
 * checksums, and a header checksum over the frame descriptor only (magic 0 and 1 hashed the magic number too,
 * a bug Kafka keeps for those formats). Blocks go straight into the output array, so no stream buffers.
 * Loaded only after {@link Codecs} has found lz4-java on the class path.
 */
final class Lz4FrameCodec implements Codec {

    private static final int MAGIC = 0x184D2204;
    // Version 01 in bits 7-6, block independence in bit 5.
    private static final byte FLG = 0x60;
    // Block maximum size code 4 (64 KiB) in bits 6-4.
    private static final byte BD = 0x40;
    private static final int BLOCK_SIZE = 64 * 1024;
    // Set in a block's size word when the block is stored as is because compressing it did not shrink it.
    private static final int UNCOMPRESSED_BLOCK_FLAG = 0x80000000;
    private static final int END_MARK = 0;

    private final LZ4Factory factory;
    private final byte headerChecksum;

    private Lz4FrameCodec() {
        this.factory = LZ4Factory.fastestInstance();
        byte[] descriptor = {FLG, BD};
        this.headerChecksum = (byte) ((XXHashFactory.fastestInstance().hash32().hash(descriptor, 0, 2, 0) >> 8) & 0xFF);
    }

    static Codec create() {
        return new Lz4FrameCodec();
    }

    @Override
    public CompressionType type() {
        return CompressionType.LZ4;
    }

    @Override
    public void compress(byte[] source, int offset, int length, CompressedOutput out, int level) {
        LZ4Compressor compressor = compressorFor(level);
        out.writeIntLE(MAGIC);
        out.write(FLG);
        out.write(BD);
        out.write(headerChecksum);
        int end = offset + length;
        for (int blockStart = offset; blockStart < end; blockStart += BLOCK_SIZE) {
            int blockLength = Math.min(BLOCK_SIZE, end - blockStart);
            writeBlock(compressor, source, blockStart, blockLength, out);
        }
        out.writeIntLE(END_MARK);
    }

    private static void writeBlock(LZ4Compressor compressor, byte[] source, int start, int length, CompressedOutput out) {
        int maxCompressed = compressor.maxCompressedLength(length);
        out.ensureRoom(4 + Math.max(maxCompressed, length));
        int sizePosition = out.position();
        int dataPosition = sizePosition + 4;
        byte[] target = out.array();
        int compressed = compressor.compress(source, start, length, target, dataPosition, maxCompressed);
        if (compressed >= length) {
            System.arraycopy(source, start, target, dataPosition, length);
            out.position(sizePosition);
            out.writeIntLE(length | UNCOMPRESSED_BLOCK_FLAG);
            out.position(dataPosition + length);
        } else {
            out.position(sizePosition);
            out.writeIntLE(compressed);
            out.position(dataPosition + compressed);
        }
    }

    /** Reads frames written by {@link #compress} (and by Kafka for magic 2: no checksums to verify). */
    @Override
    public byte[] decompress(byte[] source, int offset, int length) {
        ByteBuffer in = ByteBuffer.wrap(source, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        if (in.getInt() != MAGIC) {
            throw new IllegalArgumentException("not an LZ4 frame");
        }
        byte flg = in.get();
        in.get(); // BD: blocks never exceed 64 KiB in frames Kafka writes
        in.get(); // header checksum
        if ((flg & 0x08) != 0) {
            in.position(in.position() + 8); // content size, when present
        }
        CompressedOutput out = new CompressedOutput(length * 4);
        LZ4SafeDecompressor decompressor = factory.safeDecompressor();
        int blockSize;
        while ((blockSize = in.getInt()) != END_MARK) {
            int size = blockSize & ~UNCOMPRESSED_BLOCK_FLAG;
            out.ensureRoom(BLOCK_SIZE);
            if ((blockSize & UNCOMPRESSED_BLOCK_FLAG) != 0) {
                out.write(source, in.position(), size);
            } else {
                int n = decompressor.decompress(source, in.position(), size, out.array(), out.position(), BLOCK_SIZE);
                out.position(out.position() + n);
            }
            in.position(in.position() + size + ((flg & 0x10) != 0 ? 4 : 0));
        }
        return Arrays.copyOf(out.array(), out.position());
    }

    private LZ4Compressor compressorFor(int level) {
        // Kafka uses the fast (non-HC) compressor at its default level and HC at any other level; matching it
        // keeps throughput and ratio the same as the Java client under the same settings.
        return level == CompressionLevels.LZ4_DEFAULT ? factory.fastCompressor() : factory.highCompressor(level);
    }
}
