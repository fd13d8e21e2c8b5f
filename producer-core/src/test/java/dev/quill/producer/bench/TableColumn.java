package dev.quill.producer.bench;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * One numeric column of a benchmark table: its header, its printf format (which also fixes its width) and how to
 * read its value from one run's result. NaN prints as n/a: a value that could not be measured fairly.
 */
record TableColumn<T>(String header, String format, ToDoubleFunction<T> value) {

    int width() {
        return String.format(Locale.ROOT, format, 0.0).length();
    }

    String headerCell() {
        return pad(header, width());
    }

    String cell(double v) {
        return Double.isNaN(v) ? pad("n/a", width()) : String.format(Locale.ROOT, format, v);
    }

    /** A ratio of two of this column's values, as {@code ratioFormat} (e.g. "%.2fx"), right-aligned. */
    String ratioCell(double ratio, String ratioFormat) {
        return pad(Double.isFinite(ratio) ? String.format(Locale.ROOT, ratioFormat, ratio) : "n/a", width());
    }

    static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }
}
