import Foundation
import GmailAPI

/// The sign-in conversation on a terminal: show the link (and open a browser when there is a
/// display), explain the SSH ways, and read the address a person pastes when their browser is
/// on another machine.
struct TerminalOAuthPrompt: OAuthPrompt {
    let console: Console
    let environment: [String: String]

    func present(authorizationURL: URL, redirectURI: String) {
        let port = URL(string: redirectURI)?.port.map(String.init) ?? "PORT"
        console.out("""
            Open this address in a browser and allow Rapport to use the mailbox:

              \(authorizationURL.absoluteString)

            Waiting for Google to send you back to \(redirectURI) …
            If your browser runs on another computer (you are on SSH), either
              • connect with  ssh -L \(port):127.0.0.1:\(port)  before opening the address, or
              • open it anyway, and when the browser fails to load a 127.0.0.1 page, paste that page's
                address here and press Enter.
            """)
        if environment["DISPLAY"] != nil || environment["WAYLAND_DISPLAY"] != nil {
            let opener = Process()
            opener.executableURL = URL(fileURLWithPath: "/usr/bin/xdg-open")
            opener.arguments = [authorizationURL.absoluteString]
            opener.standardOutput = FileHandle.nullDevice
            opener.standardError = FileHandle.nullDevice
            try? opener.run()
        }
    }

    /// Reads one line from standard input, checking every 200 ms whether the browser already won.
    func readPastedLine(cancellation: OAuthCancellation) -> String? {
        var line: [UInt8] = []
        while !cancellation.isCancelled {
            var descriptor = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, 200)
            if ready < 0 && errno != EINTR { return nil }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count <= 0 { return line.isEmpty ? nil : String(decoding: line, as: UTF8.self) }
            if byte == 0x0A { return String(decoding: line, as: UTF8.self) }
            line.append(byte)
        }
        return nil
    }

    func notice(_ message: String) {
        console.err("rapport: " + message)
    }
}
