package org.dataexchange.marketplace.sales;

/**
 * A CSV document (RFC 4180: comma separated, CRLF, fields quoted when they hold a comma, a quote or a line break) that
 * starts with a UTF-8 byte-order mark, so spreadsheet programs read Chinese text as UTF-8. A text field that a
 * spreadsheet would take for a formula (starting with =, +, -, @) is prefixed with an apostrophe; numbers are written
 * as they are.
 */
final class SalesCsv {

    private final StringBuilder text = new StringBuilder("\uFEFF");

    SalesCsv(String... header) {
        row((Object[]) header);
    }

    void row(Object... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(fields[i]));
        }
        text.append("\r\n");
    }

    String text() {
        return text.toString();
    }

    private static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String s = value.toString();
        if (!s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            s = '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
