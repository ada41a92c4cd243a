/**
 * PDF/A-3b and Factur-X 1.0 / ZUGFeRD 2.x for the invoice PDF, all through
 * pdfkit's own support: `subset: 'PDF/A-3b'` writes the pdfaid XMP entry and
 * an sRGB output intent, `doc.file()` embeds a file with /AFRelationship and
 * lists it in the catalog's /AF array and the EmbeddedFiles name tree, and
 * `doc.appendXML()` adds the Factur-X entries to the same XMP packet.
 */
export const FACTURX_FILE_NAME = 'factur-x.xml';
export const FACTURX_NS = 'urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#';

/** Document options for an archivable PDF (PDF/A-3, conformance B: appearance preserved). */
export const PDFA_OPTIONS = { pdfVersion: '1.7', subset: 'PDF/A-3b' } as const;

/**
 * The Factur-X properties and, since PDF/A allows only XMP properties it knows
 * or that the file describes, their extension schema (Factur-X 1.0, annex A).
 */
const FACTURX_XMP = `
<rdf:Description rdf:about="" xmlns:fx="${FACTURX_NS}">
  <fx:DocumentType>INVOICE</fx:DocumentType>
  <fx:DocumentFileName>${FACTURX_FILE_NAME}</fx:DocumentFileName>
  <fx:Version>1.0</fx:Version>
  <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
  <pdfaExtension:schemas>
    <rdf:Bag>
      <rdf:li rdf:parseType="Resource">
        <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
        <pdfaSchema:namespaceURI>${FACTURX_NS}</pdfaSchema:namespaceURI>
        <pdfaSchema:prefix>fx</pdfaSchema:prefix>
        <pdfaSchema:property>
          <rdf:Seq>${[
            ['DocumentFileName', 'The name of the embedded XML document'],
            ['DocumentType', 'The type of the hybrid document in capital letters, e.g. INVOICE or ORDER'],
            ['Version', 'The actual version of the standard applying to the embedded XML document'],
            ['ConformanceLevel', 'The conformance level of the embedded XML document'],
          ]
            .map(
              ([name, description]) => `
            <rdf:li rdf:parseType="Resource">
              <pdfaProperty:name>${name}</pdfaProperty:name>
              <pdfaProperty:valueType>Text</pdfaProperty:valueType>
              <pdfaProperty:category>external</pdfaProperty:category>
              <pdfaProperty:description>${description}</pdfaProperty:description>
            </rdf:li>`,
            )
            .join('')}
          </rdf:Seq>
        </pdfaSchema:property>
      </rdf:li>
    </rdf:Bag>
  </pdfaExtension:schemas>
</rdf:Description>`;

type AttachmentOptions = NonNullable<Parameters<PDFKit.PDFDocument['file']>[1]> & { relationship: string };

/**
 * Embeds the EN 16931 CII XML as factur-x.xml. /AFRelationship is
 * /Alternative: the Factur-X spec reserves /Data for MINIMUM and BASIC WL
 * (not invoices), and for the EN 16931 profile the XML is an equivalent form
 * of the invoice (Germany requires /Alternative). The stream carries the MIME
 * type and a ModDate, both required by PDF/A-3 for embedded files.
 */
export function embedFacturX(doc: PDFKit.PDFDocument, xml: Buffer, date: Date): void {
  const options: AttachmentOptions = {
    name: FACTURX_FILE_NAME,
    type: 'text/xml',
    description: 'Factur-X/ZUGFeRD invoice data (EN 16931)',
    creationDate: date,
    modifiedDate: date,
    relationship: 'Alternative',
  };
  doc.file(xml, options);
  doc.appendXML(FACTURX_XMP);
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (s: string) => s.replace(/[&<>"]/g, (c) => XML_ESCAPES[c] ?? c);

/**
 * pdfkit copies Title and Author into the XMP packet as they are, so a seller
 * named "Müller & Söhne" would make the metadata ill-formed XML. The XMP gets
 * the escaped text (which reads back as the same text, as PDF/A wants it equal
 * to the Info dictionary), the Info dictionary the plain text. This wraps a
 * pdfkit internal; the archive tests fail if it changes.
 */
export function escapeInfoInXmp(doc: PDFKit.PDFDocument): void {
  const d = doc as unknown as { _addInfo: () => void; info: Record<string, unknown> };
  const addInfo = d._addInfo;
  d._addInfo = function (this: typeof d) {
    const plain = this.info;
    this.info = Object.fromEntries(
      Object.entries(plain).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]),
    );
    try {
      addInfo.call(this);
    } finally {
      this.info = plain;
    }
  };
}
