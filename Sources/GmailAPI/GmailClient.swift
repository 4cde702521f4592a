import Foundation

/// Gmail REST v1 for one account: typed calls, bearer auth with one refresh on 401, Gmail's errors
/// mapped to `GmailError`, and a hook reporting each call's quota cost.
///
/// Blocking by design: call it from MailSync's serial queue. It never retries on its own except
/// once after a 401 (with a refreshed token); backoff is the caller's job.
public final class GmailClient: Sendable {
    /// Google's own API root, for mailboxes that name no other.
    public static let googleBaseURL = URL(string: "https://gmail.googleapis.com/")!
    /// The API root, e.g. https://gmail.googleapis.com/ or the simulator's http://127.0.0.1:PORT/.
    public let baseURL: URL
    public let transport: any HTTPTransport
    public let tokens: any AccessTokenProvider
    /// Prices each call for `onCall`.
    public let costs: QuotaCostTable
    /// Seconds a single exchange may take (sends of big mail get more, see `send`).
    public let timeout: TimeInterval
    /// Raw messages above this many bytes are sent with the multipart upload form.
    public let uploadThreshold: Int
    /// Called just before every HTTP exchange goes out, once per Gmail call it carries (a batch of
    /// n gets reports n calls; a retry after 401 reports again). It runs on the caller's thread and
    /// may block: MailSync's token bucket can pace itself here.
    public let onCall: (@Sendable (GmailMethod, Int) -> Void)?
    let now: @Sendable () -> Date

    public convenience init(baseURL: URL, transport: any HTTPTransport, tokens: any AccessTokenProvider,
                            costs: QuotaCostTable = .legacy, timeout: TimeInterval = 60,
                            uploadThreshold: Int = REST.Messages.Send.defaultUploadThreshold,
                            onCall: (@Sendable (GmailMethod, Int) -> Void)? = nil) {
        self.init(baseURL: baseURL, transport: transport, tokens: tokens, costs: costs, timeout: timeout,
                  uploadThreshold: uploadThreshold, onCall: onCall, now: { Date() })
    }

    init(baseURL: URL, transport: any HTTPTransport, tokens: any AccessTokenProvider, costs: QuotaCostTable,
         timeout: TimeInterval, uploadThreshold: Int, onCall: (@Sendable (GmailMethod, Int) -> Void)?,
         now: @escaping @Sendable () -> Date) {
        self.baseURL = baseURL
        self.transport = transport
        self.tokens = tokens
        self.costs = costs
        self.timeout = timeout
        self.uploadThreshold = uploadThreshold
        self.onCall = onCall
        self.now = now
    }

    /// Checks that a base URL can work (absolute http or https with a host), before any call.
    public static func validate(baseURL: URL) throws(GmailError) {
        try APIAddress.validate(baseURL)
    }

    // MARK: - Methods

    /// `users.getProfile`: address, totals and the current history ID (1 unit).
    public func profile() throws(GmailError) -> GmailProfile {
        try perform(REST.Profile.Get())
    }

    /// `users.messages.list`: one page of references, newest first (5 units).
    public func listMessages(query: String? = nil, labelIDs: [String] = [], maxResults: Int? = nil,
                             pageToken: String? = nil, includeSpamTrash: Bool = false) throws(GmailError) -> GmailListMessagesResponse {
        try perform(REST.Messages.List(query: query, labelIDs: labelIDs, maxResults: maxResults,
                                       pageToken: pageToken, includeSpamTrash: includeSpamTrash))
    }

    /// `users.messages.get` (5 units; 20 under the 2026 model). 404 → `.notFound`.
    public func message(id: String, format: GmailMessageFormat = .full, metadataHeaders: [String] = []) throws(GmailError) -> GmailMessage {
        try perform(REST.Messages.Get(id: id, format: format, metadataHeaders: metadataHeaders))
    }

    /// `users.messages.attachments.get`: the attachment's bytes in `data` (5 units). `expectedSize`
    /// (the part's `body.size`) gives a big file time to arrive: at least 100 kB/s on top of the usual timeout.
    public func attachment(messageID: String, attachmentID: String,
                           expectedSize: Int = 0) throws(GmailError) -> GmailMessagePartBody {
        try perform(REST.Messages.Attachments.Get(messageID: messageID, attachmentID: attachmentID),
                    timeout: timeout + Double(expectedSize) * 4 / 3 / 100_000)
    }

    /// `users.messages.send` (100 units): JSON form, or the multipart upload form above
    /// `uploadThreshold`. Returns Gmail's `id`, `threadId` and `labelIds` (`SENT`).
    /// Not idempotent: after a `.temporary` error, look for the message in SENT before sending again.
    public func send(raw: [UInt8], threadID: String? = nil) throws(GmailError) -> GmailMessage {
        let request = try REST.Messages.Send(raw: raw, threadID: threadID, uploadThreshold: uploadThreshold)
        // Allow for slow uplinks: at least 100 kB/s on top of the usual timeout.
        return try perform(request, timeout: timeout + Double(raw.count) / 100_000)
    }

    /// `users.messages.modify`: adds and removes labels; returns the message (5 units).
    public func modify(id: String, add: [String] = [], remove: [String] = []) throws(GmailError) -> GmailMessage {
        try perform(REST.Messages.Modify(id: id, add: add, remove: remove))
    }

    /// `users.messages.batchModify`: the same labels added to and removed from up to 1,000 messages
    /// (50 units). Gmail answers 204 whatever the ids; ids it does not hold are reportedly passed over.
    public func batchModify(ids: [String], add: [String] = [], remove: [String] = []) throws(GmailError) {
        try perform(REST.Messages.BatchModify(ids: ids, add: add, remove: remove))
    }

    /// `users.history.list`: one page of changes after `startHistoryID` (2 units).
    /// 404 → `.historyExpired` (do a full sync).
    public func history(startHistoryID: UInt64, types: [GmailHistoryType] = [], labelID: String? = nil,
                        maxResults: Int? = nil, pageToken: String? = nil) throws(GmailError) -> GmailListHistoryResponse {
        try perform(REST.History.List(startHistoryID: startHistoryID, types: types, labelID: labelID,
                                      maxResults: maxResults, pageToken: pageToken))
    }

    /// `users.labels.list`: every label, without counts (1 unit).
    public func labels() throws(GmailError) -> GmailListLabelsResponse {
        try perform(REST.Labels.List())
    }

    // MARK: - Any request

    /// Performs one typed request: bearer token, one refresh and retry on 401, errors mapped.
    public func perform<Request: GmailRequest>(_ request: Request) throws(GmailError) -> Request.Response {
        try perform(request, timeout: timeout)
    }

    func perform<Request: GmailRequest>(_ request: Request, timeout: TimeInterval) throws(GmailError) -> Request.Response {
        let url = try request.url(base: baseURL)
        let response = try exchange(calls: [request.method]) { token in
            var http = HTTPRequest(method: request.httpMethod, url: url, headers: headers(token: token), timeout: timeout)
            if let body = request.body {
                http.headers["Content-Type"] = body.contentType
                http.body = body.data
            }
            return http
        }
        guard (200...299).contains(response.status) else {
            throw GmailError.from(response, method: request.method, now: now())
        }
        return try request.decode(response)
    }

    /// Sends one HTTP exchange with a bearer token; on 401, refreshes the token once and sends it
    /// again. Returns the last response, whatever its status (a second 401 included).
    func exchange(calls: [GmailMethod], build: (String) -> HTTPRequest) throws(GmailError) -> HTTPResponse {
        var token = try tokens.accessToken()
        var refreshed = false
        while true {
            report(calls)
            let response = try transport.perform(build(token))
            guard response.status == 401, !refreshed else { return response }
            token = try tokens.refreshedAccessToken()
            refreshed = true
        }
    }

    /// Tells `onCall` about calls about to go out.
    func report(_ calls: [GmailMethod]) {
        guard let onCall else { return }
        for method in calls { onCall(method, costs.cost(of: method)) }
    }

    /// The headers every call carries.
    func headers(token: String) -> [String: String] {
        ["Authorization": "Bearer \(token)", "Accept": "application/json"]
    }
}
