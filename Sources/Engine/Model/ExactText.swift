/// A string compared by its exact Unicode scalars. Swift's `String` equality merges canonically equivalent spellings
/// ("café" written with é or with e + combining accent); identifiers from a CRM are opaque keys, so two spellings
/// are two ids (VAL-7, FEAT-9).
package struct ExactText: Hashable, Sendable {
    package let string: String

    package init(_ string: String) {
        self.string = string
    }

    package static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        lhs.string.utf8.elementsEqual(rhs.string.utf8)
    }

    package func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
