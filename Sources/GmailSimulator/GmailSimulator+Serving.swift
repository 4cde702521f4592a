import Foundation
import LoopbackHTTP

/// What a Gmail method handler answers.
enum Reply: Sendable {
    case json(JSON)
    /// 204 with no body (batchModify, delete).
    case noContent
    case error(APIError)
}

/// The request pipeline: route, authenticate, limit, fault, charge, run, log.
extension GmailSimulator {
    func handle(_ request: ServerRequest) -> ServerResponse {
        switch Route.resolve(httpMethod: request.method, path: request.path) {
        case .gmail(let call):
            return serveGmail(request, call, inBatch: false)
        case .batch:
            return serveBatch(request)
        case .token:
            return logged(request, method: .token) { tokenEndpoint(request) }
        case .consent:
            return logged(request, method: .consent) { consentEndpoint(request) }
        case .revoke:
            return logged(request, method: .revoke) { revokeEndpoint(request) }
        case .resumableUpload:
            return logged(request, method: .messagesSend) {
                APIError.badRequest("The simulator does not support resumable uploads; use uploadType=media or multipart.")
                    .response()
            }
        case .notFound:
            return logged(request, method: nil) { APIError.notFound.response() }
        }
    }

    /// Answers with `answer()` and logs it (no account, no quota).
    func logged(_ request: ServerRequest, method: APIMethod?, _ answer: () -> ServerResponse) -> ServerResponse {
        let response = answer()
        log(request, method: method, account: nil, status: response.status, units: 0, inBatch: false)
        return response
    }

    func log(_ request: ServerRequest, method: APIMethod?, account: String?, status: Int, units: Int, inBatch: Bool) {
        let entry = RequestLogEntry(httpMethod: request.method, path: request.path, method: method, account: account,
                                    status: status, quotaUnits: units, time: Date(), inBatch: inBatch)
        state.withLock { $0.append(entry) }
    }

    /// The account and scopes an access token stands for (Authorization: Bearer, or access_token=).
    func authenticate(_ request: ServerRequest) -> AccessGrant? {
        var token: String?
        if let header = request.header("Authorization") {
            let parts = header.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer" {
                token = parts[1].trimmingCharacters(in: .whitespaces)
            }
        } else {
            token = request.queryValue("access_token")
        }
        guard let token else { return nil }
        let now = Date()
        return state.withLock { state in
            guard let grant = state.accessTokens[token], grant.expires > now,
                  state.mailboxes[grant.account] != nil else { return nil }
            return grant
        }
    }

    /// What the gate decided before running a call.
    private enum Gate {
        case refuse(APIError)
        case proceed(units: Int, lateFault: ScriptedFault?, delay: TimeInterval)
    }

    /// One Gmail call, on its own or as a batch part (a part skips latency and the concurrency
    /// count, which its batch took once).
    func serveGmail(_ request: ServerRequest, _ call: Route.GmailCall, inBatch: Bool) -> ServerResponse {
        let pretty = request.queryValue("prettyPrint") != "false"
        guard let grant = authenticate(request) else {
            log(request, method: call.method, account: nil, status: 401, units: 0, inBatch: inBatch)
            return APIError.invalidCredentials.response(pretty: pretty)
        }
        let account = grant.account
        func refuse(_ error: APIError, units: Int = 0) -> ServerResponse {
            log(request, method: call.method, account: account, status: error.code, units: units, inBatch: inBatch)
            return error.response(pretty: pretty)
        }
        guard call.method.allowedScopes.isDisjoint(with: grant.scopes) == false else {
            return refuse(.insufficientScopes)
        }
        if let problem = metadataScopeProblem(request, call, grant) { return refuse(problem) }
        guard call.userID == "me" || call.userID.lowercased() == account else {
            return refuse(APIError(code: 403, message: "Delegation denied for \(call.userID)", reason: "forbidden"))
        }

        var holdsSlot = false
        if !inBatch {
            switch enterRequest(account: account) {
            case .some(let error): return refuse(error)
            case .none: holdsSlot = true
            }
        }
        defer { if holdsSlot { leaveRequest(account: account) } }
        if !inBatch { waitLatency() }

        let gate = state.withLock { state -> Gate in
            let now = Date()
            let configuration = state.configuration
            let cost = configuration.costTable.cost(of: call.method)
            if let index = state.faults.firstIndex(where: { ($0.method == nil || $0.method == call.method)
                && ($0.account == nil || $0.account == account) }) {
                let fault = state.faults[index].fault
                state.faults[index].remaining -= 1
                if state.faults[index].remaining <= 0 { state.faults.remove(at: index) }
                if !fault.afterApplying, let error = fault.error(at: now) { return .refuse(error) }
                // The call runs (then fails or answers late): it costs what it costs, past any quota.
                return .proceed(units: cost, lateFault: fault, delay: fault.delay)
            }
            if state.random.chance(configuration.serverErrorRate) {
                return .refuse(state.random.next() % 2 == 0 ? .backendError : .unavailable)
            }
            if let rate = configuration.unitsPerSecond, cost > 0 {
                let allowed = state.mailboxes[account]!.quota.take(cost, rate: rate, capacity: configuration.burstUnits)
                if !allowed {
                    return .refuse(configuration.quotaErrorStyle == .resourceExhausted ? .resourceExhausted : .queriesPerMinute)
                }
            }
            return .proceed(units: cost, lateFault: nil, delay: 0)
        }
        switch gate {
        case .refuse(let error):
            return refuse(error)
        case .proceed(let units, let lateFault, let delay):
            let reply = run(call, request, account: account)
            if delay > 0 { Thread.sleep(forTimeInterval: delay) }
            if let lateFault, let error = lateFault.error(at: Date()) { return refuse(error, units: units) }
            let response: ServerResponse
            switch reply {
            case .json(let json):
                let selected = request.queryValue("fields").map { json.selecting(fields: $0) } ?? json
                var ok = ServerResponse.json(200, selected.serialized(pretty: pretty))
                ok.headers.append(contentsOf: ServerResponse.varyHeaders)
                response = ok
            case .noContent:
                response = ServerResponse(status: 204)
            case .error(let error):
                response = error.response(pretty: pretty)
            }
            log(request, method: call.method, account: account, status: response.status, units: units, inBatch: inBatch)
            return response
        }
    }

    private func run(_ call: Route.GmailCall, _ request: ServerRequest, account: String) -> Reply {
        switch call.method {
        case .getProfile: return profile(account: account)
        case .messagesList: return listMessages(request, account: account)
        case .messagesGet: return getMessage(request, id: call.ids[0], account: account)
        case .attachmentsGet: return getAttachment(messageID: call.ids[0], attachmentID: call.ids[1], account: account)
        case .messagesSend: return send(request, upload: call.upload, account: account)
        case .messagesModify: return modify(request, id: call.ids[0], account: account)
        case .messagesBatchModify: return batchModify(request, account: account)
        case .messagesTrash: return trashCall(id: call.ids[0], account: account, untrash: false)
        case .messagesUntrash: return trashCall(id: call.ids[0], account: account, untrash: true)
        case .messagesDelete: return deleteCall(id: call.ids[0], account: account)
        case .historyList: return listHistory(request, account: account)
        case .labelsList: return listLabels(account: account)
        case .labelsGet: return getLabel(id: call.ids[0], account: account)
        case .threadsGet: return getThread(request, id: call.ids[0], account: account)
        case .batch, .token, .consent, .revoke: return .error(.notFound)
        }
    }

    /// The gmail.metadata scope allows neither `q` nor the full and raw formats.
    private func metadataScopeProblem(_ request: ServerRequest, _ call: Route.GmailCall, _ grant: AccessGrant) -> APIError? {
        let metadataOnly = grant.scopes.allSatisfy { $0.hasSuffix("gmail.metadata") || !$0.contains("gmail") && !$0.contains("mail.google.com") }
        guard metadataOnly else { return nil }
        if call.method == .messagesList, request.queryValue("q") != nil {
            return APIError(code: 403, message: "Metadata scope does not support 'q' parameter", reason: "forbidden")
        }
        if call.method == .messagesGet || call.method == .threadsGet {
            let format = (request.queryValue("format") ?? "full").lowercased()
            if format == "full" || format == "raw" {
                return APIError(code: 403, message: "Metadata scope doesn't allow format \(format.uppercased())",
                                reason: "forbidden")
            }
        }
        return nil
    }

    // MARK: - Concurrency and latency

    /// Takes an in-flight slot for the account; the error when the cap is reached.
    func enterRequest(account: String) -> APIError? {
        state.withLock { state in
            guard var mailbox = state.mailboxes[account] else { return nil }
            if let cap = state.configuration.concurrentRequestsPerUser, mailbox.inFlight >= cap {
                return .concurrentRequests
            }
            mailbox.inFlight += 1
            state.mailboxes[account] = mailbox
            return nil
        }
    }

    func leaveRequest(account: String) {
        state.withLock { state in
            if state.mailboxes[account] != nil { state.mailboxes[account]!.inFlight -= 1 }
        }
    }

    /// Sleeps for the configured latency (plus jitter).
    func waitLatency() {
        let wait = state.withLock { state -> TimeInterval in
            let configuration = state.configuration
            var wait = configuration.latency
            if configuration.latencyJitter > 0 {
                wait += configuration.latencyJitter * Double(state.random.next() >> 11) / Double(1 << 53)
            }
            return wait
        }
        if wait > 0 { Thread.sleep(forTimeInterval: wait) }
    }
}
