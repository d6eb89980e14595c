import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The text of each leaf element of an XML document by element name (first occurrence wins): enough for
/// STS answers and error documents, whose field names are unique.
enum XMLFields {
    static func parse(_ bytes: [UInt8]) -> [String: String] {
        let collector = Collector()
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = collector
        _ = parser.parse()
        return collector.fields
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var fields: [String: String] = [:]
        private var text = ""

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !value.isEmpty, fields[elementName] == nil { fields[elementName] = value }
            text = ""
        }
    }
}
