import Testing

@testable import GameLiftAWS

/// The STS answer reader: what STS and its error documents contain, and input that is not well formed.
struct XMLFieldsTests {
    private func fields(_ xml: String) -> [String: String] { XMLFields.parse(Array(xml.utf8)) }

    @Test func readsAnAssumeRoleAnswer() {
        let answer = fields(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <AssumeRoleResult>
                <Credentials>
                  <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
                  <SecretAccessKey>wJalr/K7MDENG+bPxRfiCY</SecretAccessKey>
                  <SessionToken>
                    FwoGZXIvYXdzEJr//////////wEaDE
                  </SessionToken>
                  <Expiration>2026-12-07T12:00:00Z</Expiration>
                </Credentials>
                <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/deploy/fleetform</Arn></AssumedRoleUser>
              </AssumeRoleResult>
              <ResponseMetadata><RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ResponseMetadata>
            </AssumeRoleResponse>
            """)
        #expect(answer["AccessKeyId"] == "ASIAEXAMPLE")
        #expect(answer["SecretAccessKey"] == "wJalr/K7MDENG+bPxRfiCY")
        #expect(answer["SessionToken"] == "FwoGZXIvYXdzEJr//////////wEaDE")
        #expect(answer["Expiration"] == "2026-12-07T12:00:00Z")
        #expect(answer["Arn"] == "arn:aws:sts::123456789012:assumed-role/deploy/fleetform")
        // Elements with children have no text of their own.
        #expect(answer["Credentials"] == nil)
        #expect(answer["AssumeRoleResponse"] == nil)
    }

    @Test func readsAnErrorDocument() {
        let error = fields(
            """
            <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <Error><Type>Sender</Type><Code>AccessDenied</Code>
                <Message>User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole &amp; more</Message>
              </Error>
              <RequestId>x</RequestId>
            </ErrorResponse>
            """)
        #expect(error["Code"] == "AccessDenied")
        #expect(error["Message"] == "User: arn:aws:iam::1:user/a is not authorized to perform: sts:AssumeRole & more")
        #expect(error["Type"] == "Sender")
    }

    @Test func decodesReferencesCommentsAndCDATA() {
        let read = fields(
            """
            <!DOCTYPE r><r a='1 > 0' b="x"><!-- <Code>no</Code> -->\
            <A>&lt;&gt;&amp;&quot;&apos;</A><B>&#65;&#x42;&#x1F600;</B><C><![CDATA[<raw> & more]]></C>\
            <D/><E></E><F>first</F><F>second</F><ns:G>prefixed</ns:G></r>
            """)
        #expect(read["A"] == "<>&\"'")
        #expect(read["B"] == "AB😀")
        #expect(read["C"] == "<raw> & more")
        #expect(read["Code"] == nil)
        #expect(read["D"] == nil)
        #expect(read["E"] == nil)
        #expect(read["F"] == "first")
        #expect(read["ns:G"] == "prefixed")
    }

    @Test(arguments: [
        "<A>kept</A><B>cut", "<A>kept</A><B", "<A>kept</A><B>&unknown;</B>", "<A>kept</A><B>&#0;</B>",
        "<A>kept</A><B>&#x110000;</B>", "<A>kept</A><B>&#12a;</B>", "<A>kept</A><!-- never closed",
        "<A>kept</A><![CDATA[ never closed", "<A>kept</A></>", "<A>kept</A><B>a & b</B>",
        "<A>kept</A><B>x</C>", "<A>kept</A><B>a & b<C>v</C></B>", "<A>kept</A><?x><C>v</C>",
        "<A>kept</A><!--x><C>v</C>", "<A>kept</A><B c='<'>v</B>", "<A>kept</A><B>&#1;</B>", "<A>kept</A></B>",
        "<A>kept</A><!DOCTYPE x",
    ])
    func stopsAtWhatIsNotWellFormed(xml: String) {
        #expect(fields(xml) == ["A": "kept"])
    }

    @Test func takesAnyBytesWithoutTrapping() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("<>/&;#x!?-[]CDAT'\" a1".utf8)
        for _ in 0..<2_000 {
            let bytes = (0..<Int.random(in: 0...64, using: &generator)).map { _ in
                alphabet.randomElement(using: &generator)!
            }
            _ = XMLFields.parse(bytes)
        }
        _ = XMLFields.parse([0xFF, 0xFE, 0x3C, 0x41, 0x3E, 0xC3, 0x3C, 0x2F, 0x41, 0x3E])
        // Markup that never closes stops the scan at once: a body of a megabyte of it is not searched again and
        // again for each opening.
        #expect(XMLFields.parse(Array(String(repeating: "<?x>", count: 250_000).utf8)) == [:])
        #expect(XMLFields.parse(Array(String(repeating: "<!--x>", count: 170_000).utf8)) == [:])
    }
}
