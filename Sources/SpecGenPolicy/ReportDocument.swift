/// A small document model rendered three ways — terminal text, Markdown and self-contained HTML — so
/// that `schema review` says the same thing in every format.
struct ReportDocument {
    enum Block {
        case heading(String)
        case paragraph(String)
        case list([String])
        /// `classes` (optional, one per cell) become HTML class names for colouring.
        case table(header: [String], rows: [[String]], classes: [[String]]?)
    }

    var title: String
    var blocks: [Block] = []

    mutating func heading(_ text: String) { blocks.append(.heading(text)) }
    mutating func paragraph(_ text: String) { blocks.append(.paragraph(text)) }
    mutating func list(_ items: [String]) { blocks.append(.list(items)) }
    mutating func table(_ header: [String], _ rows: [[String]], classes: [[String]]? = nil) {
        blocks.append(.table(header: header, rows: rows, classes: classes))
    }

    func text() -> String {
        var out = title + "\n" + String(repeating: "=", count: title.count) + "\n"
        for block in blocks {
            switch block {
            case .heading(let text): out += "\n" + text + "\n" + String(repeating: "-", count: text.count) + "\n"
            case .paragraph(let text): out += text + "\n"
            case .list(let items): out += items.map { "  - " + $0 + "\n" }.joined()
            case .table(let header, let rows, _):
                let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max()! }
                func line(_ cells: [String]) -> String {
                    var text = ""
                    for (c, cell) in cells.enumerated() {
                        text += c == cells.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count + 2)
                    }
                    return text + "\n"
                }
                out += line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
            }
        }
        return out
    }

    func markdown() -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = "# " + title + "\n"
        for block in blocks {
            switch block {
            case .heading(let text): out += "\n## " + text + "\n\n"
            case .paragraph(let text): out += text + "\n\n"
            case .list(let items): out += items.map { "- " + $0 + "\n" }.joined() + "\n"
            case .table(let header, let rows, _):
                out += "| " + header.map(cell).joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: header.count) + "\n"
                out += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |\n" }.joined() + "\n"
            }
        }
        return out
    }

    /// One file with its own style sheet: no scripts, fonts or links to fetch.
    func html() -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>\(escape(title))</title>
            <style>
            body { font-family: sans-serif; margin: 2em; color: #111; }
            table { border-collapse: collapse; margin: 1em 0; font-size: 0.9em; }
            th, td { border: 1px solid #bbb; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
            th { background: #eee; position: sticky; top: 0; }
            td.release { background: #d8f0d8; } td.drop { background: #e4e4e4; color: #555; }
            td.unnamed { background: #f6d5d5; } td.normalize { background: #d8e6f6; }
            td.generalize { background: #f6ecd0; } td.hash { background: #e8dcf4; } td.constant { background: #f0f0d0; }
            li.warning { color: #8a3b00; }
            </style>
            </head>
            <body>
            <h1>\(escape(title))</h1>

            """
        for block in blocks {
            switch block {
            case .heading(let text): out += "<h2>\(escape(text))</h2>\n"
            case .paragraph(let text): out += "<p>\(escape(text))</p>\n"
            case .list(let items): out += "<ul>\n" + items.map { "<li class=\"warning\">\(escape($0))</li>\n" }.joined() + "</ul>\n"
            case .table(let header, let rows, let classes):
                out += "<table>\n<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
                for (r, row) in rows.enumerated() {
                    out += "<tr>"
                    for (c, value) in row.enumerated() {
                        let name = classes.map { $0[r][c] } ?? ""
                        out += name.isEmpty ? "<td>\(escape(value))</td>" : "<td class=\"\(name)\">\(escape(value))</td>"
                    }
                    out += "</tr>\n"
                }
                out += "</table>\n"
            }
        }
        return out + "</body>\n</html>\n"
    }
}
