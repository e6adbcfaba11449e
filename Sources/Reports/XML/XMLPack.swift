import Engine
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The XML pack (REP-58 … REP-62): the JSON pack mapped mechanically onto elements, so it cannot drift from it, and
/// written with FoundationXML. `schemas/segmentation-report.xsd` describes it.
enum XMLPack {
    static let namespace = "urn:cintel:segmentation-report:1"

    /// REP-59: the element name of an array's items, by the array's name (and, for `advice`, whether it is text).
    private static func itemName(_ array: String, inText: Bool) -> String {
        switch array {
        case "languages": "language"
        case "advice": inText ? "sentence" : "code"
        case "scorecard": "model"
        case "personas": "persona"
        case "top_categories": "category"
        case "actions": "action"
        case "cluster_sizes", "spend_frequency": "item"
        case "merges": "merge"
        case "leaves": "leaf"
        case "kpis": "kpi"
        case "facts": "fact"
        case "methods": "paragraph"
        case "tables": "table"
        case "columns": "column"
        case "rows": "row"
        case "row": "cell"
        default: preconditionFailure("no item name for array '\(array)'")
        }
    }

    static func render(_ pack: JSONValue) -> String {
        let root = XMLElement(name: "segmentation-report", uri: namespace)
        root.addNamespace(XMLNode.namespace(withName: "", stringValue: namespace) as! XMLNode)
        guard case .object(let members) = pack else { preconditionFailure("the pack is an object") }
        for member in members {
            if member.key == "text", case .object(let languages) = member.value {
                // The text parts have no wrapper: one <text lang="…"> per language (REP-59).
                for language in languages {
                    let text = element("text", language.value, inText: true)
                    text.addAttribute(XMLNode.attribute(withName: "lang", stringValue: language.key) as! XMLNode)
                    root.addChild(text)
                }
            } else if member.value != .null {
                root.addChild(element(member.key, member.value, inText: false))
            }
        }
        // The declaration is written here so that it is exactly REP-58's; the elements are FoundationXML's.
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.xmlString(options: [.nodePrettyPrint]) + "\n"
    }

    private static func element(_ name: String, _ value: JSONValue, inText: Bool) -> XMLElement {
        // Children inherit the root's default namespace; naming it on each would repeat the declaration.
        let element = XMLElement(name: name)
        switch value {
        case .deferred(let deferred): return self.element(name, deferred.value, inText: inText)
        case .null: break
        case .bool(let flag): element.stringValue = flag ? "true" : "false"
        case .number(let number): element.stringValue = decimal(number)
        case .string(let string): element.stringValue = MarkupText.xmlSafe(string)
        case .array(let items):
            let childName = itemName(name, inText: inText)
            for item in items { element.addChild(self.element(childName, item, inText: inText)) }
        case .object(let members):
            switch name {
            case "locales":
                for member in members {
                    let child = self.element("locale", member.value, inText: inText)
                    child.addAttribute(XMLNode.attribute(withName: "lang", stringValue: member.key) as! XMLNode)
                    element.addChild(child)
                }
            case "parameters", "params", "best_params":
                for member in members {
                    let child = XMLElement(name: "param")
                    child.addAttribute(XMLNode.attribute(withName: "name", stringValue: member.key) as! XMLNode)
                    let values = member.value.elementCount != nil ? member.value.elements : [member.value]
                    for value in values { child.addChild(self.element("value", value, inText: inText)) }
                    element.addChild(child)
                }
            default:
                for member in members where member.value != .null {
                    element.addChild(self.element(member.key, member.value, inText: inText))
                }
            }
        }
        return element
    }

    /// REP-59: plain decimal notation, never an exponent, the same value as the JSON number.
    static func decimal(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        let written = JSONWriter.number(value)
        guard written.contains("e") || written.contains("E") else { return written }
        // Pack numbers carry at most 4 decimals (REP-15, NUM-2); expand on that grid.
        let units = Int64((value * 10_000).rounded(.toNearestOrAwayFromZero))
        let sign = units < 0 ? "-" : ""
        let magnitude = units.magnitude
        var fraction = String(magnitude % 10_000)
        fraction = String(repeating: "0", count: 4 - fraction.count) + fraction
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return sign + String(magnitude / 10_000) + (fraction.isEmpty ? "" : "." + fraction)
    }
}
