import Hardening

extension Console {
    /// This console with every line on standard error passed through `Redaction` first (with the
    /// secrets the run knows): failures, warnings, sync problems and their JSON lines alike.
    func redactingErrors(knowing secrets: KnownSecrets) -> Console {
        let err = self.err
        return Console(out: out, err: { err(Redaction.redact($0, secrets: secrets.all)) }, isTerminal: isTerminal)
    }
}
