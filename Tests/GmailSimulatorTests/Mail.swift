import Foundation

/// Sample messages.
enum Mail {
    static func plain(from: String = "Sam Carter <sam@vendor.example>", to: String = "Dana Lee <dana@example.com>",
                      subject: String = "Quote request", messageID: String = "<quote-req@vendor.example>",
                      extra: String = "", body: String = "Hi Dana,\r\n\r\nCould you send a quote?\r\n") -> [UInt8] {
        Array("""
        From: \(from)\r
        To: \(to)\r
        Subject: \(subject)\r
        Date: Tue, 14 May 2024 12:11:58 -0400\r
        Message-ID: \(messageID)\r
        \(extra)MIME-Version: 1.0\r
        Content-Type: text/plain; charset="UTF-8"\r
        \r
        \(body)
        """.utf8)
    }

    /// multipart/mixed > (multipart/alternative > text/plain + text/html QP) + PDF attachment,
    /// shaped like examples/message-get-full-multipart.json.
    static let multipart: [UInt8] = Array("""
    Delivered-To: dana@example.com\r
    Received: by 2002:a05:6a10:1234 with SMTP id abc123;\r
            Tue, 14 May 2024 09:12:03 -0700 (PDT)\r
    MIME-Version: 1.0\r
    From: Sam Carter <sam@vendor.example>\r
    Date: Tue, 14 May 2024 12:11:58 -0400\r
    Message-ID: <CAF1x2y3z4-quote-v2@mail.gmail.com>\r
    In-Reply-To: <CAD9k8j7h6-quote-req@mail.gmail.com>\r
    References: <CAD9k8j7h6-quote-req@mail.gmail.com>\r
    Subject: Re: Quote request\r
    To: Dana Lee <dana@example.com>\r
    Cc: ops@vendor.example\r
    Content-Type: multipart/mixed; boundary="000000000000a1b2c3d4e5f60718"\r
    \r
    --000000000000a1b2c3d4e5f60718\r
    Content-Type: multipart/alternative; boundary="000000000000f9e8d7c6b5a40312"\r
    \r
    --000000000000f9e8d7c6b5a40312\r
    Content-Type: text/plain; charset="UTF-8"\r
    \r
    Hi Dana,\r
    \r
    Attached is the revised quote & <terms>.\r
    \r
    Best,\r
    Sam\r
    \r
    --000000000000f9e8d7c6b5a40312\r
    Content-Type: text/html; charset="UTF-8"\r
    Content-Transfer-Encoding: quoted-printable\r
    \r
    <div dir=3D"ltr">Hi Dana,<br><br>Attached is the revised quote.</div>\r
    \r
    --000000000000f9e8d7c6b5a40312--\r
    --000000000000a1b2c3d4e5f60718\r
    Content-Type: application/pdf; name="quote-v2.pdf"\r
    Content-Disposition: attachment; filename="quote-v2.pdf"\r
    Content-Transfer-Encoding: base64\r
    Content-ID: <f_lw6x3k2p0>\r
    X-Attachment-Id: f_lw6x3k2p0\r
    \r
    JVBERi0xLjQKJeLjz9MK\r
    --000000000000a1b2c3d4e5f60718--\r

    """.utf8)

    /// mixed > [plain with a uuencoded file, mixed > [pdf, csv], message/rfc822, related > [html, named
    /// inline image], an unnamed part marked as an attachment]: parts at every depth Gmail numbers.
    static let nested: [UInt8] = Array("""
    From: Sam Carter <sam@vendor.example>\r
    To: Dana Lee <dana@example.com>\r
    Subject: Files\r
    Message-ID: <files@vendor.example>\r
    MIME-Version: 1.0\r
    Content-Type: multipart/mixed; boundary="a"\r
    \r
    --a\r
    Content-Type: text/plain; charset="UTF-8"\r
    \r
    Two files attached, and one the old way:\r
    begin 644 ok.txt\r
    #;VL*\r
    `\r
    end\r
    --a\r
    Content-Type: multipart/mixed; boundary="b"\r
    \r
    --b\r
    Content-Type: application/pdf; name="quote.pdf"\r
    Content-Disposition: attachment; filename="quote.pdf"\r
    Content-Transfer-Encoding: base64\r
    \r
    JVBERi0xLjQKJeLjz9MK\r
    --b\r
    Content-Type: text/csv; name="prices.csv"\r
    Content-Disposition: attachment; filename="prices.csv"\r
    \r
    item,price\r
    widget,12\r
    --b--\r
    --a\r
    Content-Type: message/rfc822\r
    \r
    From: carol@client.example\r
    Subject: Earlier\r
    \r
    The earlier message.\r
    --a\r
    Content-Type: multipart/related; boundary="c"\r
    \r
    --c\r
    Content-Type: text/html; charset="UTF-8"\r
    \r
    <p>Logo: <img src="cid:logo"></p>\r
    --c\r
    Content-Type: image/png; name="logo.png"\r
    Content-ID: <logo>\r
    Content-Disposition: inline; filename="logo.png"\r
    Content-Transfer-Encoding: base64\r
    \r
    iVBORw0KGgo=\r
    --c--\r
    --a\r
    Content-Type: application/octet-stream\r
    Content-Disposition: attachment\r
    Content-Transfer-Encoding: base64\r
    \r
    AAECAwQ=\r
    --a--\r

    """.utf8)

    static func base64url(_ bytes: [UInt8], padded: Bool = true) -> String {
        var text = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
        if !padded { text = text.replacingOccurrences(of: "=", with: "") }
        return text
    }

    static func decode(_ text: String) -> [UInt8] {
        var standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while standard.count % 4 != 0 { standard += "=" }
        return [UInt8](Data(base64Encoded: standard) ?? Data())
    }
}
