import Testing
import XMLSchemaValidation

@Suite("XSD validation through libxml2")
struct XMLSchemaValidatorTests {
    static let schema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:element name="pack">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="cluster" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:attribute name="id" type="xs:integer" use="required"/>
                    <xs:attribute name="share" type="xs:decimal" use="required"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="lang" type="xs:language" use="required"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """

    @Test func acceptsAValidDocument() throws {
        let validator = try XMLSchemaValidator(schema: Self.schema)
        try validator.validate(#"<pack lang="es"><cluster id="0" share="0.25"/><cluster id="1" share="0.75"/></pack>"#)
    }

    @Test func reportsInvalidDocumentsWithTheirLines() throws {
        let validator = try XMLSchemaValidator(schema: Self.schema)
        #expect(throws: XMLSchemaValidator.Failure.self) { try validator.validate("<pack lang=\"es\">\n<cluster id=\"x\" share=\"0,25\"/></pack>") }
        do {
            try validator.validate("<pack lang=\"es\">\n<cluster id=\"x\" share=\"0.25\"/></pack>")
        } catch {
            #expect(error.issues.contains { $0.line == 2 && $0.message.contains("'x'") })
        }
    }

    @Test func rejectsMalformedXMLAndBadSchemas() {
        #expect(throws: XMLSchemaValidator.Failure.self) { try XMLSchemaValidator(schema: Self.schema).validate("<pack lang=\"es\">") }
        #expect(throws: XMLSchemaValidator.Failure.self) { try XMLSchemaValidator(schema: "<xs:schema xmlns:xs=\"nope\"/>") }
    }

    @Test func doesNotExpandExternalEntities() throws {
        // An external entity must not be fetched and substituted: the reference stays unresolved and the document
        // does not validate, instead of silently containing a local file.
        let hostile = """
            <?xml version="1.0"?>
            <!DOCTYPE pack [<!ENTITY leak SYSTEM "file:///etc/hostname">]>
            <pack lang="es"><cluster id="0" share="1"/>&leak;</pack>
            """
        #expect(throws: XMLSchemaValidator.Failure.self) { try XMLSchemaValidator(schema: Self.schema).validate(hostile) }
    }
}
