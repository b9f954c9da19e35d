package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of the report: header cells, rows of text or number cells. Number cells are right
 * aligned and carry their exact value for sorting, so a sortable table orders 1,000 after 900.
 */
final class HtmlTable {
    /** One cell: what is shown, and for numbers the value the table sorts by. */
    record Cell(String text, String sortKey, boolean numeric, String title) {}

    private final List<String> headers;
    private final List<String> headerTitles = new ArrayList<>();
    private final List<List<Cell>> rows = new ArrayList<>();
    private final List<String> rowClasses = new ArrayList<>();
    private boolean sortable;
    private String cssClass = "";

    HtmlTable(List<String> headers) {
        this.headers = List.copyOf(headers);
        for (int i = 0; i < headers.size(); i++) {
            headerTitles.add(null);
        }
    }

    HtmlTable(String... headers) {
        this(List.of(headers));
    }

    /** A tooltip on a column header: what the column means in full. */
    HtmlTable explain(int column, String text) {
        headerTitles.set(column, text);
        return this;
    }

    HtmlTable sortable() {
        sortable = true;
        return this;
    }

    /** Many columns: a smaller font, and the table scrolls sideways on a narrow screen. */
    HtmlTable wide() {
        cssClass = "wide";
        return this;
    }

    /** Cells of prose that may wrap onto several lines. */
    HtmlTable wrapping() {
        cssClass = "wrapping";
        return this;
    }

    HtmlTable row(List<Cell> cells) {
        return row("", cells);
    }

    HtmlTable row(String rowClass, List<Cell> cells) {
        if (cells.size() != headers.size()) {
            throw new IllegalArgumentException("row of " + cells.size() + " cells under " + headers.size() + " headers");
        }
        rows.add(List.copyOf(cells));
        rowClasses.add(rowClass);
        return this;
    }

    static Cell text(String text) {
        return new Cell(text == null ? "" : text, null, false, null);
    }

    static Cell text(String text, String title) {
        return new Cell(text == null ? "" : text, null, false, title);
    }

    static Cell number(Double value, String shown) {
        return new Cell(shown, Figures.sortKey(value), true, null);
    }

    static Cell number(long value) {
        return new Cell(Figures.count(value), Long.toString(value), true, null);
    }

    String html() {
        StringBuilder sb = new StringBuilder();
        sb.append("<div class=\"table-scroll\"><table");
        String classes = (sortable ? "sortable " : "") + cssClass;
        if (!classes.isBlank()) {
            sb.append(" class=\"").append(classes.strip()).append('"');
        }
        sb.append(">\n<thead><tr>");
        for (int i = 0; i < headers.size(); i++) {
            boolean numeric = !rows.isEmpty() && rows.get(0).get(i).numeric();
            sb.append("<th scope=\"col\"");
            if (numeric) {
                sb.append(" class=\"num\"");
            }
            if (headerTitles.get(i) != null) {
                sb.append(" title=\"").append(HtmlPage.escape(headerTitles.get(i))).append('"');
            }
            sb.append('>').append(HtmlPage.escape(headers.get(i))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (int r = 0; r < rows.size(); r++) {
            String rowClass = rowClasses.get(r);
            sb.append(rowClass.isEmpty() ? "<tr>" : "<tr class=\"" + rowClass + "\">");
            for (Cell c : rows.get(r)) {
                sb.append("<td");
                if (c.numeric()) {
                    sb.append(" class=\"num\" data-sort=\"").append(c.sortKey()).append('"');
                }
                if (c.title() != null) {
                    sb.append(" title=\"").append(HtmlPage.escape(c.title())).append('"');
                }
                sb.append('>').append(HtmlPage.escape(c.text())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody></table></div>\n");
        return sb.toString();
    }
}
