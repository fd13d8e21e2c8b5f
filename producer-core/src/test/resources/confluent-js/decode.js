// Reads one Confluent-framed Avro value with Confluent's own JavaScript client, an implementation of the format
// independent of Quill's. Arguments: registry URL, topic, the bytes in hex, "key" or "value".
// Prints the value as JSON (bytes as {"hex": ...}), or the error on stderr with exit code 1.
const { SchemaRegistryClient, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

const [url, topic, hex, kind] = process.argv.slice(2);
const client = new SchemaRegistryClient({ baseURLs: [url] });
const deserializer = new AvroDeserializer(client, kind === 'key' ? SerdeType.KEY : SerdeType.VALUE, {});

function plain(key, value) {
  if (typeof value === 'bigint') {
    return value.toString();
  }
  if (value && value.type === 'Buffer' && Array.isArray(value.data)) {
    return { hex: Buffer.from(value.data).toString('hex') };
  }
  return value;
}

deserializer.deserialize(topic, Buffer.from(hex, 'hex'))
  .then(value => process.stdout.write(JSON.stringify(value, plain)))
  .catch(error => {
    process.stderr.write(String((error && error.stack) || error));
    process.exit(1);
  });
