/// A string compared by its exact Unicode scalars. Swift's `String` equality merges canonically equivalent spellings
/// ("café" written with é or with e + combining accent); identifiers from a CRM are opaque keys, so two spellings
/// are two ids (VAL-7, FEAT-9).
package struct ExactText: Hashable, Sendable {
    package let string: String

    package init(_ string: String) {
        self.string = string
    }

    package static func == (lhs: ExactText, rhs: ExactText) -> Bool {
        sameBytes(lhs.string, rhs.string)
    }

    /// Whether two strings have the same UTF-8 bytes: one `memcmp` over native strings' storage, since ids are
    /// compared for every order read; the generic `elementsEqual` only for strings without contiguous storage.
    package static func sameBytes(_ lhs: String, _ rhs: String) -> Bool {
        let count = lhs.utf8.count
        guard count == rhs.utf8.count else { return false }
        if count == 0 { return true }
        let fast = lhs.utf8.withContiguousStorageIfAvailable { left in
            rhs.utf8.withContiguousStorageIfAvailable { right in memcmp(left.baseAddress!, right.baseAddress!, count) == 0 }
        }
        return (fast ?? nil) ?? lhs.utf8.elementsEqual(rhs.utf8)
    }

    package func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

#if canImport(Glibc)
    import Glibc
#endif
