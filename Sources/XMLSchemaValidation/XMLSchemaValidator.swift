import CLibXML2

/// Validates XML documents against an XSD with libxml2. No network access and no entity expansion: report packs
/// are our own output, and a validator that fetched or expanded anything would be an attack surface in tests.
/// This module must not import Foundation (its ICU headers clash with libxml2's).
public final class XMLSchemaValidator {
    /// One message from libxml2, with the line it points at.
    public struct Issue: Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { "line \(line): \(message)" }
    }

    public struct Failure: Error, Sendable, CustomStringConvertible {
        public var issues: [Issue]
        public var description: String { issues.map(\.description).joined(separator: "\n") }
    }

    private let schema: xmlSchemaPtr

    /// Compiles an XSD given as text.
    public init(schema text: String) throws(Failure) {
        let collector = IssueCollector()
        var compiled: xmlSchemaPtr?
        withIssues(collector) { context in
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    guard let parser = xmlSchemaNewMemParserCtxt(chars.baseAddress, Int32(chars.count)) else { return }
                    xmlSchemaSetParserStructuredErrors(parser, collectIssue, context)
                    compiled = xmlSchemaParse(parser)
                    xmlSchemaFreeParserCtxt(parser)
                }
            }
        }
        guard let compiled else {
            throw Failure(issues: collector.issues.isEmpty ? [Issue(line: 0, message: "the schema could not be compiled")] : collector.issues)
        }
        schema = compiled
    }

    deinit {
        xmlSchemaFree(schema)
    }

    /// Parses `document` (without network access or entity substitution) and validates it.
    public func validate(_ document: String) throws(Failure) {
        let collector = IssueCollector()
        var valid = false
        withIssues(collector) { context in
            let bytes = Array(document.utf8)
            let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOBLANKS.rawValue)
            let parsed: xmlDocPtr? = bytes.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { chars in
                    xmlReadMemory(chars.baseAddress, Int32(chars.count), "report.xml", "UTF-8", options)
                }
            }
            guard let parsed else {
                collector.issues.append(Issue(line: 0, message: "the document is not well-formed XML"))
                return
            }
            defer { xmlFreeDoc(parsed) }
            guard let validation = xmlSchemaNewValidCtxt(schema) else { return }
            defer { xmlSchemaFreeValidCtxt(validation) }
            xmlSchemaSetValidStructuredErrors(validation, collectIssue, context)
            valid = xmlSchemaValidateDoc(validation, parsed) == 0
        }
        if !valid {
            throw Failure(issues: collector.issues.isEmpty ? [Issue(line: 0, message: "the document is not valid")] : collector.issues)
        }
    }
}

private final class IssueCollector {
    var issues: [XMLSchemaValidator.Issue] = []
}

/// Runs `body` with libxml2's generic error output silenced and structured errors routed to `collector`.
private func withIssues(_ collector: IssueCollector, _ body: (UnsafeMutableRawPointer) -> Void) {
    let context = Unmanaged.passRetained(collector)
    defer { context.release() }
    xmlSetStructuredErrorFunc(context.toOpaque(), collectIssue)
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    body(context.toOpaque())
}

private let collectIssue: xmlStructuredErrorFunc = { context, error in
    guard let context, let error else { return }
    let collector = Unmanaged<IssueCollector>.fromOpaque(context).takeUnretainedValue()
    var message = error.pointee.message.map { String(cString: $0) } ?? "unknown libxml2 error"
    while message.last == "\n" { message.removeLast() }
    collector.issues.append(XMLSchemaValidator.Issue(line: Int(error.pointee.line), message: message))
}
