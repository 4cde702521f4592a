import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Synchronization

/// `HTTPTransport` over URLSession: gzip on, bounded waits, and transport failures as `GmailError`.
///
/// Each call runs a completion-handler data task on the session's own delegate queue and blocks
/// the calling thread on a semaphore, so it must not be called from that queue (nothing else in
/// Rapport uses it). The wait is bounded: after `HTTPRequest.timeout` the task is cancelled and the
/// call fails `.temporary`.
public final class URLSessionTransport: HTTPTransport {
    /// What we call ourselves; Google compresses only for a User-Agent containing "gzip".
    public static let defaultUserAgent = "Rapport/1.0 (gzip)"

    /// The User-Agent sent with every request (always containing "gzip").
    public let userAgent: String
    /// The most any exchange may take, however slowly data trickles in (URLSession's resource
    /// timeout); each request's own `timeout` is usually the tighter bound.
    public let resourceTimeout: TimeInterval
    private let session: URLSession

    public init(userAgent: String = URLSessionTransport.defaultUserAgent, resourceTimeout: TimeInterval = 600) {
        self.userAgent = userAgent.range(of: "gzip", options: .caseInsensitive) == nil ? userAgent + " (gzip)" : userAgent
        self.resourceTimeout = resourceTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 60
        configuration.timeoutIntervalForResource = resourceTimeout
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        let queue = OperationQueue()
        queue.name = "rapport.gmail.urlsession"
        queue.maxConcurrentOperationCount = 1
        session = URLSession(configuration: configuration, delegate: nil, delegateQueue: queue)
    }

    deinit {
        session.invalidateAndCancel()
    }

    public func perform(_ request: HTTPRequest) throws(GmailError) -> HTTPResponse {
        let host = try Self.checkedHost(request.url)
        let timeout = max(0.001, min(request.timeout, resourceTimeout))
        var urlRequest = URLRequest(url: request.url, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.setValue("gzip", forHTTPHeaderField: "Accept-Encoding")
        urlRequest.setValue(userAgent, forHTTPHeaderField: "User-Agent")
        urlRequest.httpBody = request.body

        let outcome = Outcome()
        let task = session.dataTask(with: urlRequest) { data, response, error in
            outcome.finish(data: data, response: response, error: error)
        }
        task.resume()
        // The whole exchange is bounded here, whatever URLSession's own (idle) timers do.
        guard outcome.wait(seconds: timeout) else {
            task.cancel()
            throw .temporary("no answer from \(host) within \(Self.seconds(timeout))")
        }
        return try outcome.result(host: host, timeout: timeout)
    }

    /// The URL's host, or `.invalidConfiguration` when the URL cannot be fetched at all.
    private static func checkedHost(_ url: URL) throws(GmailError) -> String {
        let scheme = url.scheme?.lowercased() ?? ""
        guard scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty else {
            throw .invalidConfiguration("The Gmail API address is not a valid http(s) URL")
        }
        return host
    }

    static func seconds(_ value: TimeInterval) -> String {
        value < 10 ? String(format: "%.1f s", value) : "\(Int(value.rounded())) s"
    }
}

/// The result of one data task, handed from URLSession's queue to the waiting caller.
private final class Outcome: Sendable {
    private struct Finished: Sendable {
        var data: Data?
        var response: HTTPURLResponse?
        var error: URLError.Code?
        var otherError: Bool
        var breakage: Breakage?
    }

    /// What libcurl's text (behind corelibs' URLError -1) says went wrong; the text itself is never
    /// shown, as it may name the URL.
    private enum Breakage: Sendable {
        case cutOff, reset, emptyReply

        init?(_ error: (any Error)?) {
            guard let error else { return nil }
            var texts = [(error as NSError).localizedDescription]
            if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError {
                texts.append(underlying.localizedDescription)
            }
            let text = texts.joined(separator: " ").lowercased()
            if text.contains("remaining to read") || text.contains("transfer closed") || text.contains("partial file") {
                self = .cutOff
            } else if text.contains("empty reply") {
                self = .emptyReply
            } else if text.contains("reset by peer") || text.contains("recv failure") || text.contains("send failure") {
                self = .reset
            } else {
                return nil
            }
        }
    }

    private let finished = Mutex<Finished?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func finish(data: Data?, response: URLResponse?, error: (any Error)?) {
        let code = (error as? URLError)?.code
        let value = Finished(data: data, response: response as? HTTPURLResponse, error: code,
                             otherError: error != nil && code == nil, breakage: Breakage(error))
        finished.withLock { $0 = value }
        done.signal()
    }

    /// Waits for `finish`; false when `seconds` passed first.
    func wait(seconds: TimeInterval) -> Bool {
        done.wait(timeout: .now() + seconds) == .success
    }

    func result(host: String, timeout: TimeInterval) throws(GmailError) -> HTTPResponse {
        guard let value = finished.withLock({ $0 }) else {
            throw .temporary("the connection to \(host) ended without an answer")
        }
        if let code = value.error, code != .timedOut, code != .cancelled {
            switch value.breakage {
            case .cutOff?:
                throw .temporary("the answer from \(host) was cut off before it was complete")
            case .reset?:
                throw .temporary("the connection to \(host) was reset")
            case .emptyReply?:
                throw .temporary("\(host) closed the connection without answering")
            case nil where value.response != nil:
                // The head arrived, then the connection failed: the body was cut off.
                throw .temporary("the connection to \(host) dropped before the answer was complete")
            case nil:
                break
            }
        }
        if let code = value.error {
            throw Self.error(for: code, host: host, timeout: timeout)
        }
        if value.otherError {
            throw .temporary("the connection to \(host) failed")
        }
        guard let response = value.response else {
            throw .temporary("the connection to \(host) ended without an HTTP answer")
        }
        var headers: [String: String] = [:]
        for (name, fieldValue) in response.allHeaderFields {
            guard let name = name as? String else { continue }
            headers[name] = fieldValue as? String ?? "\(fieldValue)"
        }
        let body = value.data ?? Data()
        let result = HTTPResponse(status: response.statusCode, headers: headers, body: body)
        // An identity body shorter than its Content-Length was cut off, even if URLSession let it pass.
        if response.statusCode != 204, response.statusCode != 304,
           result.header("Content-Encoding").map({ $0.lowercased() == "identity" }) ?? true,
           let declared = result.header("Content-Length").flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }),
           body.count < declared {
            throw .temporary("the answer from \(host) was cut off (\(body.count) of \(declared) bytes)")
        }
        return result
    }

    private static func error(for code: URLError.Code, host: String, timeout: TimeInterval) -> GmailError {
        switch code {
        case .badURL, .unsupportedURL:
            return .invalidConfiguration("The Gmail API address is not a valid http(s) URL")
        case .timedOut:
            return .temporary("no answer from \(host) within \(URLSessionTransport.seconds(timeout))")
        case .cannotConnectToHost:
            return .temporary("cannot connect to \(host) (connection refused)")
        case .cannotFindHost, .dnsLookupFailed:
            return .temporary("cannot find \(host) (DNS lookup failed)")
        case .notConnectedToInternet:
            return .temporary("not connected to the internet")
        case .networkConnectionLost:
            return .temporary("the connection to \(host) dropped before the answer was complete")
        case .cancelled:
            return .temporary("the request to \(host) was cancelled")
        case .secureConnectionFailed, .serverCertificateUntrusted, .serverCertificateHasBadDate,
             .serverCertificateNotYetValid, .serverCertificateHasUnknownRoot, .clientCertificateRejected,
             .clientCertificateRequired:
            return .temporary("the secure connection to \(host) failed (TLS)")
        case .badServerResponse, .cannotDecodeContentData, .cannotDecodeRawData, .cannotParseResponse:
            return .temporary("the answer from \(host) was damaged or cut off")
        default:
            return .temporary("the connection to \(host) failed (URL error \(code.rawValue))")
        }
    }
}
