package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.JFreeChart;

/**
 * One self-contained HTML document: styles, charts (inline SVG) and the little script it needs
 * are all in the file, so it opens from a mail attachment with no network, and prints cleanly.
 */
final class HtmlPage {
    /** A figure in the row of key figures at the top. */
    record KeyFigure(String label, String value, String detail) {}

    private record Section(String id, String title) {}

    private final String title;
    private final String subtitle;
    private final StringBuilder body = new StringBuilder(64 * 1024);
    private final List<Section> sections = new ArrayList<>();
    private int charts;

    HtmlPage(String title, String subtitle) {
        this.title = title;
        this.subtitle = subtitle;
    }

    HtmlPage section(String id, String heading) {
        if (!sections.isEmpty()) {
            body.append("</section>\n");
        }
        sections.add(new Section(id, heading));
        body.append("<section id=\"").append(escape(id)).append("\">\n<h2>").append(escape(heading)).append("</h2>\n");
        return this;
    }

    HtmlPage heading(String text) {
        body.append("<h3>").append(escape(text)).append("</h3>\n");
        return this;
    }

    /** A paragraph of plain text (escaped). */
    HtmlPage paragraph(String text) {
        body.append("<p>").append(escape(text)).append("</p>\n");
        return this;
    }

    /** Markup the caller built from escaped parts. */
    HtmlPage html(String markup) {
        body.append(markup).append('\n');
        return this;
    }

    HtmlPage keyFigures(List<KeyFigure> figures) {
        body.append("<dl class=\"key-figures\">\n");
        for (KeyFigure f : figures) {
            body.append("<div><dt>").append(escape(f.label())).append("</dt><dd>").append(escape(f.value()))
                    .append("</dd>");
            if (f.detail() != null && !f.detail().isEmpty()) {
                body.append("<dd class=\"detail\">").append(escape(f.detail())).append("</dd>");
            }
            body.append("</div>\n");
        }
        body.append("</dl>\n");
        return this;
    }

    HtmlPage table(HtmlTable table) {
        body.append(table.html());
        return this;
    }

    /**
     * A chart with the sentence that says what it shows and how to read it. Charts are numbered
     * in page order, which also keeps their SVG ids unique.
     */
    HtmlPage chart(XyChart chart, String caption) {
        return chart(chart.build(), caption, Size.FULL);
    }

    HtmlPage chart(XyChart chart, String caption, Size size) {
        // Two legend lines fit the drawing's height; each further one adds its own, not the plot's.
        int extra = Math.max(0, chart.legendLines(size.width) - 2) * 19;
        return chart(chart.build(), caption, size.width, size.height + extra);
    }

    HtmlPage chart(JFreeChart chart, String caption, Size size) {
        return chart(chart, caption, size.width, size.height);
    }

    private HtmlPage chart(JFreeChart chart, String caption, int width, int height) {
        charts++;
        String id = "chart-" + charts;
        String label = chart.getTitle() != null ? chart.getTitle().getText() : id;
        body.append("<figure class=\"chart\" id=\"").append(id).append("\">")
                .append(ChartSvg.render(chart, width, height, id, label))
                .append("<figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
        return this;
    }

    /** Charts side by side (two to a row on a laptop, one per row on a narrow screen). */
    HtmlPage beginGrid() {
        body.append("<div class=\"grid\">\n");
        return this;
    }

    HtmlPage endGrid() {
        body.append("</div>\n");
        return this;
    }

    /** Preformatted text, folded away until the reader opens it (opened when printing). */
    HtmlPage details(String summary, String text) {
        body.append("<details><summary>").append(escape(summary)).append("</summary><pre>")
                .append(escape(text)).append("</pre></details>\n");
        return this;
    }

    /** Drawing sizes, in SVG user units; both scale to the column's width. */
    enum Size {
        FULL(960, 400),
        HALF(640, 400);

        final int width;
        final int height;

        Size(int width, int height) {
            this.width = width;
            this.height = height;
        }
    }

    String render() {
        StringBuilder sb = new StringBuilder(body.length() + 8 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"infersim\">\n")
                .append("<title>").append(escape(title)).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n")
                .append("<script>\n").append(ERROR_WATCH).append("</script>\n")
                .append("</head>\n<body>\n<header>\n<h1>").append(escape(title)).append("</h1>\n");
        if (subtitle != null && !subtitle.isEmpty()) {
            sb.append("<p class=\"lead\">").append(escape(subtitle)).append("</p>\n");
        }
        sb.append("<nav aria-label=\"Contents\"><ol>");
        for (Section s : sections) {
            sb.append("<li><a href=\"#").append(escape(s.id())).append("\">").append(escape(s.title()))
                    .append("</a></li>");
        }
        sb.append("</ol></nav>\n</header>\n<main>\n").append(body);
        if (!sections.isEmpty()) {
            sb.append("</section>\n");
        }
        sb.append("</main>\n<footer>Written by infersim from the files in this results folder. "
                        + "Simulated figures, not measurements of real hardware.</footer>\n")
                .append("<script>\n").append(SCRIPT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static final String STYLE = """
            :root { --text: #222; --muted: #5f6368; --line: #d9d9d9; --soft: #f5f6f8; --accent: #0072b2;
                    --good: #e6f4ea; --bad: #fce8e6; --mark: #fff4cc; }
            * { box-sizing: border-box; }
            html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", "Helvetica Neue", Arial, sans-serif;
                   color: var(--text); line-height: 1.45; font-size: 15px; }
            body { margin: 0 auto; max-width: 1180px; padding: 24px 28px 48px; background: #fff; }
            h1 { font-size: 1.7rem; margin: 0 0 4px; }
            h2 { font-size: 1.3rem; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
            h3 { font-size: 1.05rem; margin: 22px 0 8px; }
            p { margin: 8px 0; max-width: 78ch; }
            .lead { color: var(--muted); margin-top: 0; }
            nav ol { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; padding: 8px 0; margin: 12px 0 0;
                     border-top: 1px solid var(--line); border-bottom: 1px solid var(--line); font-size: 0.9rem; }
            nav a { color: var(--accent); text-decoration: none; }
            nav a:hover { text-decoration: underline; }
            .key-figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(140px, 1fr)); gap: 10px; margin: 14px 0; }
            .key-figures div { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
            .key-figures dt { font-size: 0.8rem; color: var(--muted); }
            .key-figures dd { margin: 2px 0 0; font-size: 1.35rem; font-weight: 600; font-variant-numeric: tabular-nums; }
            .key-figures dd.detail { font-size: 0.8rem; font-weight: normal; color: var(--muted); }
            .table-scroll { overflow-x: auto; margin: 8px 0 16px; }
            table { border-collapse: collapse; font-size: 0.88rem; font-variant-numeric: tabular-nums; }
            th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
            th { background: var(--soft); font-weight: 600; white-space: nowrap; }
            td { white-space: nowrap; }
            table.wrapping td { white-space: normal; min-width: 6em; }
            td.num, th.num { text-align: right; white-space: nowrap; }
            tbody tr:nth-child(even) { background: #fafafa; }
            table.wide { font-size: 0.8rem; }
            table.wide th, table.wide td { padding: 3px 7px; }
            table.sortable th { cursor: pointer; user-select: none; }
            table.sortable th::after { content: " \\2195"; color: #aaa; font-weight: normal; }
            table.sortable th[aria-sort="ascending"]::after { content: " \\25B2"; color: var(--accent); }
            table.sortable th[aria-sort="descending"]::after { content: " \\25BC"; color: var(--accent); }
            tr.highlight, tr.highlight:nth-child(even) { background: var(--mark); }
            tr.failed, tr.failed:nth-child(even) { background: var(--bad); }
            td.yes { color: #1e7d32; font-weight: 600; }
            td.no { color: #b00020; }
            figure.chart { margin: 14px 0 22px; padding: 8px; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            figcaption { font-size: 0.88rem; color: var(--muted); margin: 6px 4px 0; max-width: none; }
            .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap: 0 16px; }
            details { margin: 10px 0; }
            summary { cursor: pointer; color: var(--accent); }
            pre { background: var(--soft); border: 1px solid var(--line); padding: 10px 12px; overflow-x: auto; font-size: 0.82rem; }
            .note { color: var(--muted); font-size: 0.88rem; }
            footer { margin-top: 40px; color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--line); padding-top: 8px; }
            @media print {
              html { font-size: 10.5pt; }
              body { max-width: none; padding: 0; }
              nav, summary { display: none; }
              a { color: inherit; text-decoration: none; }
              h2 { break-after: avoid; page-break-after: avoid; }
              section { break-before: auto; }
              figure.chart, .key-figures, tr { break-inside: avoid; page-break-inside: avoid; }
              figure.chart { border: none; padding: 0; }
              .grid { grid-template-columns: 1fr 1fr; }
              .table-scroll { overflow: visible; }
              table.wide { font-size: 7pt; }
              pre { white-space: pre-wrap; }
              @page { margin: 14mm 12mm; }
            }
            """;

    /** Registered first, so that an error anywhere later on the page is recorded where a check can see it. */
    private static final String ERROR_WATCH = """
            window.addEventListener('error', function (e) {
              var root = document.documentElement;
              root.setAttribute('data-errors', (root.getAttribute('data-errors') || '') + (e.message || 'error') + '; ');
            });
            """;

    /**
     * Sorting by clicking a column header (numbers by value, text in natural order, empty cells
     * last whichever way), details opened for printing, and a readiness mark for the browser check:
     * how many charts the page has and how many the browser drew with a non-zero size.
     */
    private static final String SCRIPT = """
            (function () {
              'use strict';
              function sortKey(cell) {
                var v = cell.getAttribute('data-sort');
                if (v !== null) { return v === '' ? null : parseFloat(v); }
                var t = cell.textContent.trim();
                return t === '' || t === '\\u2013' ? null : t;
              }
              function compare(a, b) {
                if (typeof a === 'number' && typeof b === 'number') { return a - b; }
                return String(a).localeCompare(String(b), 'en', { numeric: true });
              }
              function sortBy(table, column, header) {
                var ascending = header.getAttribute('aria-sort') !== 'ascending';
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) { th.removeAttribute('aria-sort'); });
                header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (r1, r2) {
                  var a = sortKey(r1.cells[column]);
                  var b = sortKey(r2.cells[column]);
                  if (a === null || b === null) { return a === b ? 0 : (a === null ? 1 : -1); }
                  return ascending ? compare(a, b) : compare(b, a);
                });
                rows.forEach(function (r) { body.appendChild(r); });
              }
              Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
                Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
                  th.tabIndex = 0;
                  th.addEventListener('click', function () { sortBy(table, column, th); });
                  th.addEventListener('keydown', function (e) {
                    if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(table, column, th); }
                  });
                });
              });
              window.addEventListener('beforeprint', function () {
                Array.prototype.forEach.call(document.querySelectorAll('details'), function (d) { d.open = true; });
              });
              var figures = document.querySelectorAll('figure.chart');
              var drawn = 0;
              Array.prototype.forEach.call(figures, function (f) {
                var svg = f.querySelector('svg');
                if (svg) {
                  var box = svg.getBoundingClientRect();
                  if (box.width > 0 && box.height > 0 && svg.querySelector('text')) { drawn++; }
                }
              });
              var root = document.documentElement;
              root.setAttribute('data-charts', String(figures.length));
              root.setAttribute('data-charts-drawn', String(drawn));
              root.setAttribute('data-ready', 'yes');
            })();
            """;
}
