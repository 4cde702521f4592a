import Foundation

extension GmailClient {
    /// Fetches many messages with HTTP batches of at most `REST.Batch.recommendedParts` (25) calls,
    /// one batch at a time. Each ID gets its own result, mapped as a single `messages.get` would be
    /// (404 → `.notFound`, 429 → `.rateLimited`…); a part with no matching Content-ID or a garbage
    /// status line gives `.badResponse` for its ID.
    ///
    /// When a whole batch fails (transport error, 429 or 5xx on the batch itself), its IDs and all
    /// IDs not yet sent get that error and no further batch is sent; results already in are kept.
    /// A 404 on the batch itself gives `.badResponse`, never `.notFound` (which means "deleted").
    /// Throws only what concerns the account rather than messages: the token provider's errors
    /// (`.needsLogin`), `.invalidConfiguration`, and `.unauthorized` when the batch itself is
    /// refused twice. A 401 on the batch or on some parts refreshes the token once per batch and
    /// sends those calls again; a part refused again gets `.unauthorized`.
    public func batchGetMessages(ids: [String], format: GmailMessageFormat = .full) throws(GmailError) -> [String: Result<GmailMessage, GmailError>] {
        var unique: [String] = []
        var seen: Set<String> = []
        for id in ids where seen.insert(id).inserted { unique.append(id) }

        var results: [String: Result<GmailMessage, GmailError>] = [:]
        var start = 0
        while start < unique.count {
            let chunk = Array(unique[start..<min(start + REST.Batch.recommendedParts, unique.count)])
            start += chunk.count
            do {
                try fetchBatch(chunk, format: format, into: &results)
            } catch let error where Self.concernsAccount(error) {
                throw error
            } catch {
                for id in chunk + unique[start...] where results[id] == nil { results[id] = .failure(error) }
                break
            }
        }
        return results
    }

    /// Errors that stop the whole call instead of landing on each message.
    private static func concernsAccount(_ error: GmailError) -> Bool {
        switch error {
        case .needsLogin, .unauthorized, .invalidConfiguration: return true
        default: return false
        }
    }

    /// One batch of at most 25 gets, with one token refresh for the batch or its parts.
    private func fetchBatch(_ ids: [String], format: GmailMessageFormat,
                            into results: inout [String: Result<GmailMessage, GmailError>]) throws(GmailError) {
        let batchURL = try APIAddress.url(base: baseURL, path: REST.Batch.path, query: [])
        var pending = ids
        var token = try tokens.accessToken()
        var refreshed = false
        while !pending.isEmpty {
            let requests = pending.map { REST.Messages.Get(id: $0, format: format) }
            let batch = try REST.Batch(requests: requests, base: baseURL, contentID: { "m\($0 + 1)" })
            let body = batch.body
            report(requests.map(\.method))
            var http = HTTPRequest(method: "POST", url: batchURL, headers: headers(token: token), body: body.data,
                                   timeout: timeout)
            http.headers["Content-Type"] = body.contentType
            let response = try transport.perform(http)
            if response.status == 401 && !refreshed {
                token = try tokens.refreshedAccessToken()
                refreshed = true
                continue
            }
            guard (200...299).contains(response.status) else {
                // A 404 on the batch itself says nothing about the messages: never `.notFound`,
                // which would read as "deleted".
                if response.status == 404 {
                    throw .badResponse("batch: the batch endpoint answered HTTP 404")
                }
                throw GmailError.from(response, method: .messagesGet, now: now())
            }
            let answers = try REST.Batch.answers(from: response)

            var byContentID: [String: Result<HTTPResponse, GmailError>] = [:]
            for answer in answers where !answer.contentID.isEmpty && byContentID[answer.contentID] == nil {
                byContentID[answer.contentID] = answer.response
            }
            var refused: [String] = []
            for (index, id) in pending.enumerated() {
                switch byContentID["m\(index + 1)"] {
                case nil:
                    results[id] = .failure(.badResponse("batch: Gmail's answer had no part for one of the messages"))
                case .failure(let error):
                    results[id] = .failure(error)
                case .success(let part) where part.status == 401:
                    if refreshed {
                        results[id] = .failure(GmailError.from(part, method: .messagesGet, now: now()))
                    } else {
                        refused.append(id)
                    }
                case .success(let part) where (200...299).contains(part.status):
                    do throws(GmailError) {
                        results[id] = .success(try requests[index].decode(part))
                    } catch {
                        results[id] = .failure(error)
                    }
                case .success(let part):
                    results[id] = .failure(GmailError.from(part, method: .messagesGet, now: now()))
                }
            }
            pending = refused
            if !refused.isEmpty {
                token = try tokens.refreshedAccessToken()
                refreshed = true
            }
        }
    }
}
