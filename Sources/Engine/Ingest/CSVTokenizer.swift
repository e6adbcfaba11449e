/// RFC 4180 records from bytes fed in chunks of any size: any one-byte delimiter, quoted fields with doubled quotes,
/// delimiters and line breaks inside quotes, CRLF or LF line ends, and a UTF-8 byte-order mark at the very start.
/// Only the current record is held, so a file of millions of rows never needs millions of objects at once.
package struct CSVTokenizer {
    package struct Record {
        package var fields: [String]
        /// The file line the record starts on (1-based; a quoted line break makes a record span lines).
        package var line: Int
        /// The checked fields (`checkedFields`) whose bytes are not valid UTF-8 (ING-3), by index; each is in
        /// `fields` with U+FFFD for every bad byte sequence. Usually empty, which costs nothing.
        package var invalidUTF8: [Int] = []
    }

    /// Which fields, by index, have their bytes checked for UTF-8 (ING-3), decided from the first record (the
    /// header) when `checking` is given; nil checks every field. A field of ASCII bytes alone needs no check.
    private var checkedFields: [Bool]?
    private let checking: (([String]) -> [Bool])?

    package struct Failure: Error, Equatable, CustomStringConvertible {
        package var line: Int
        package var column: Int
        package var reason: String
        package var description: String { "line \(line), column \(column): \(reason)" }
    }

    private enum State { case fieldStart, unquoted, quoted, quoteInQuoted }

    private let delimiter: UInt8
    private var state = State.fieldStart
    private var field: [UInt8] = []
    private var fields: [String] = []
    private var invalidUTF8: [Int] = []
    /// The bits of every byte of the current field OR-ed together: below 0x80 means ASCII alone.
    private var fieldBits: UInt8 = 0
    private var line = 1
    private var column = 0
    private var recordLine = 1
    private var atStart = true
    private var bom: [UInt8] = []
    private var sawCR = false

    /// `checking`: given the header, which columns to check for UTF-8 (the identifiers); without it, all.
    package init(delimiter: UInt8 = UInt8(ascii: ","), checking: (([String]) -> [Bool])? = nil) {
        self.delimiter = delimiter
        self.checking = checking
    }

    /// Feeds the next chunk; `emit` gets each completed record. Throws at the first malformed byte.
    package mutating func feed(_ chunk: some Sequence<UInt8>, _ emit: (Record) throws -> Void) throws {
        try Array(chunk).withUnsafeBytes { try feed($0, emit) }
    }

    /// `feed` over raw bytes: the reader's path, where runs of plain bytes inside an unquoted field are copied whole
    /// instead of going through the state machine one by one.
    package mutating func feed(_ chunk: UnsafeRawBufferPointer, _ emit: (Record) throws -> Void) throws {
        var index = 0
        while index < chunk.count, atStart {
            try startByte(chunk[index], emit)
            index += 1
        }
        while index < chunk.count {
            if !sawCR, state == .fieldStart || state == .unquoted {
                var end = index
                while end < chunk.count {
                    let byte = chunk[end]
                    if byte == delimiter || byte == 10 || byte == 13 || byte == 34 { break }
                    fieldBits |= byte
                    end += 1
                }
                if end > index {
                    field.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[index..<end]))
                    column += end - index
                    state = .unquoted
                    index = end
                    continue
                }
            }
            try consume(chunk[index], emit)
            index += 1
        }
    }

    /// A byte while the file's first bytes may still be a byte-order mark: up to three are held back to recognise
    /// EF BB BF.
    private mutating func startByte(_ byte: UInt8, _ emit: (Record) throws -> Void) throws {
        let expected: [UInt8] = [0xEF, 0xBB, 0xBF]
        if bom.count < 3 && byte == expected[bom.count] {
            bom.append(byte)
            if bom.count == 3 {
                atStart = false
                bom = []
            }
            return
        }
        atStart = false
        let held = bom
        bom = []
        for earlier in held { try consume(earlier, emit) }
        try consume(byte, emit)
    }

    /// Ends the input: the last record may lack a line break; an open quote is an error.
    package mutating func finish(_ emit: (Record) throws -> Void) throws {
        if atStart, !bom.isEmpty {
            let held = bom
            bom = []
            atStart = false
            for byte in held { try consume(byte, emit) }
        }
        switch state {
        case .quoted:
            throw Failure(line: recordLine, column: 0, reason: "a quoted field is not closed before the end of the file")
        case .fieldStart where fields.isEmpty && field.isEmpty:
            return
        default:
            try endRecord(emit)
        }
    }

    private mutating func consume(_ byte: UInt8, _ emit: (Record) throws -> Void) throws {
        let newline = UInt8(ascii: "\n")
        let carriage = UInt8(ascii: "\r")
        let quote = UInt8(ascii: "\"")
        // A CR directly before LF belongs to the line end it starts.
        if sawCR {
            sawCR = false
            if byte == newline { return }
        }
        column += 1
        switch state {
        case .quoted:
            if byte == quote {
                state = .quoteInQuoted
            } else {
                if byte == newline {
                    line += 1
                    column = 0
                }
                fieldBits |= byte
                field.append(byte)
            }
        case .quoteInQuoted:
            if byte == quote {
                field.append(quote)
                state = .quoted
            } else if byte == delimiter {
                endField()
            } else if byte == newline || byte == carriage {
                try lineEnd(byte == carriage, emit)
            } else {
                throw Failure(line: line, column: column, reason: "a closing quote must be followed by the delimiter or a line end")
            }
        case .fieldStart, .unquoted:
            if byte == delimiter {
                endField()
            } else if byte == newline || byte == carriage {
                try lineEnd(byte == carriage, emit)
            } else if byte == quote {
                guard state == .fieldStart else {
                    throw Failure(line: line, column: column, reason: "a quote inside an unquoted field; quote the whole field and double the quote")
                }
                state = .quoted
            } else {
                state = .unquoted
                fieldBits |= byte
                field.append(byte)
            }
        }
    }

    private mutating func endField() {
        // The decoding repairs bad bytes silently, so a checked field that is not ASCII alone is validated first.
        if fieldBits >= 0x80, checkedFields.map({ fields.count < $0.count && $0[fields.count] }) ?? true,
            !field.withUnsafeBufferPointer(Self.isValidUTF8)
        {
            invalidUTF8.append(fields.count)
        }
        fieldBits = 0
        fields.append(String(decoding: field, as: UTF8.self))
        field.removeAll(keepingCapacity: true)
        state = .fieldStart
    }

    private mutating func lineEnd(_ carriage: Bool, _ emit: (Record) throws -> Void) throws {
        sawCR = carriage
        // A blank line (no field started) is skipped rather than read as a record of one empty field.
        if fields.isEmpty && field.isEmpty && state == .fieldStart {
            line += 1
            column = 0
            recordLine = line
            return
        }
        try endRecord(emit)
        line += 1
        column = 0
        recordLine = line
    }

    private mutating func endRecord(_ emit: (Record) throws -> Void) throws {
        endField()
        // The record is gone once `emit` returns, so the fields' storage is unshared again and is kept for the next.
        try emit(Record(fields: fields, line: recordLine, invalidUTF8: invalidUTF8))
        if let checking, checkedFields == nil { checkedFields = checking(fields) }
        fields.removeAll(keepingCapacity: true)
        if !invalidUTF8.isEmpty { invalidUTF8.removeAll() }
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode 15, table 3-7): no stray continuation bytes, no overlong forms,
    /// no surrogates, nothing beyond U+10FFFF, no sequence cut short. `String(validating:)` says the same but builds
    /// a string, where every field of a file only needs the check.
    package static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        /// Whether the byte `offset` after the lead is in `range` (a continuation byte unless narrowed).
        func next(_ offset: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
            index + offset < count && range.contains(bytes[index + offset])
        }
        while index < count {
            let lead = bytes[index]
            let length: Int
            switch lead {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = next(1) ? 2 : 0
            case 0xE0: length = next(1, 0xA0...0xBF) && next(2) ? 3 : 0
            case 0xED: length = next(1, 0x80...0x9F) && next(2) ? 3 : 0
            case 0xE1...0xEF: length = next(1) && next(2) ? 3 : 0
            case 0xF0: length = next(1, 0x90...0xBF) && next(2) && next(3) ? 4 : 0
            case 0xF1...0xF3: length = next(1) && next(2) && next(3) ? 4 : 0
            case 0xF4: length = next(1, 0x80...0x8F) && next(2) && next(3) ? 4 : 0
            default: length = 0
            }
            if length == 0 { return false }
            index += length
        }
        return true
    }
}
