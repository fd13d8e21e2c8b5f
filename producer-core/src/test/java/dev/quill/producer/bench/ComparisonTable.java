package dev.quill.producer.bench;

import java.util.List;
import java.util.Locale;

/**
 * The layout the comparison benchmarks print: a label column (what was run), a client column, then one median per
 * {@link TableColumn}, with ratio lines (e.g. {@code q/k}, Quill ÷ kafka-clients) under the clients' rows.
 */
final class ComparisonTable<T> {

    private final String rowFormat;
    private final String labelHeader;
    private final List<TableColumn<T>> columns;

    ComparisonTable(String labelHeader, int labelWidth, int clientWidth, List<TableColumn<T>> columns) {
        this.rowFormat = "%-" + labelWidth + "s %-" + clientWidth + "s";
        this.labelHeader = labelHeader;
        this.columns = columns;
    }

    /** The header line; {@code trailer} names columns a caller appends to every row itself. */
    String header(String trailer) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, rowFormat, labelHeader, "client"));
        for (TableColumn<T> c : columns) {
            sb.append(' ').append(c.headerCell());
        }
        return sb.append(trailer).toString();
    }

    /** Each column's median over the runs. */
    double[] medians(List<T> runs) {
        double[] values = new double[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Medians.of(runs, columns.get(i).value());
        }
        return values;
    }

    String row(String label, String client, double[] values) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, rowFormat, label, client));
        for (int i = 0; i < values.length; i++) {
            sb.append(' ').append(columns.get(i).cell(values[i]));
        }
        return sb.toString();
    }

    /** Column by column, {@code numerator / denominator}, under the name {@code ratio} (e.g. "q/k"). */
    String ratioRow(String ratio, double[] numerator, double[] denominator) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, rowFormat, "", ratio));
        for (int i = 0; i < numerator.length; i++) {
            sb.append(' ').append(columns.get(i).ratioCell(numerator[i] / denominator[i], "%.2fx"));
        }
        return sb.toString();
    }
}
