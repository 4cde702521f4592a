import TerminalUI

extension Keymap {
    /// Rapport's keys: vim-like movement, letters for actions, Ctrl for the composer (where letters are text).
    public static let standard = Keymap(
        bind(.always, [
            ("C-c", .quit), ("F1", .help), ("C-r", .syncNow),
        ])
        + bind(.global, [
            ("q", .back), ("?", .help), (":", .commandLine), ("Tab", .nextPane), ("S-Tab", .previousPane),
            ("1", .showMail), ("2", .showOutbox), ("3", .showContacts), ("4", .showSearch), ("5", .showDeals),
            ("6", .showFollowups), ("/", .showSearch),
            ("c", .compose), ("S", .syncNow), ("u", .undoSend),
        ])
        + bind(.list, [
            ("j", .down), ("↓", .down), ("k", .up), ("↑", .up), ("PgDn", .pageDown), ("Space", .pageDown),
            ("PgUp", .pageUp), ("C-d", .halfPageDown), ("C-u", .halfPageUp), ("g", .top), ("Home", .top),
            ("G", .bottom), ("End", .bottom), ("Enter", .open),
        ])
        + bind(.mail, [
            ("r", .reply), ("a", .replyAll), ("f", .forward), ("e", .archive), ("#", .trash), ("U", .markUnread),
            ("z", .undoMailChange), ("v", .nextView), ("V", .previousView),
        ])
        + bind(.outbox, [
            ("s", .queueEmail), ("u", .cancelEmail), ("t", .retryEmail), ("e", .editEmail), ("d", .deleteEmail),
            ("l", .nextStatus), ("→", .nextStatus), ("]", .nextStatus), ("h", .previousStatus), ("←", .previousStatus),
            ("[", .previousStatus),
        ])
        + bind(.contacts, [
            ("f", .focusFilter), ("C", .toggleGoingCold), ("a", .addContact), ("e", .editContact), ("m", .mergeContact),
            ("d", .deleteContact), ("R", .remind),
        ])
        + bind(.timeline, [
            ("r", .reply), ("a", .replyAll), ("f", .forward), ("n", .addNote), ("L", .logCall), ("M", .logMeeting),
            ("e", .editActivity), ("d", .deleteActivity), ("E", .editContact), ("R", .remind),
        ])
        + bind(.deals, [(">", .nextStage), ("<", .previousStage)])
        + bind(.deal, [(">", .nextStage), ("<", .previousStage), ("n", .addNote), ("L", .logCall), ("M", .logMeeting)])
        + bind(.message, [
            ("r", .reply), ("a", .replyAll), ("f", .forward), ("e", .archive), ("#", .trash), ("U", .markUnread),
            ("z", .undoMailChange), ("j", .down), ("↓", .down), ("k", .up), ("↑", .up), ("Space", .pageDown), ("PgDn", .pageDown),
            ("PgUp", .pageUp), ("g", .top), ("G", .bottom), ("n", .nextMessage), ("p", .previousMessage),
            ("o", .toggleQuotes), ("w", .explain), ("s", .saveAttachments),
        ])
        + bind(.search, [
            ("↓", .down), ("C-n", .down), ("↑", .up), ("C-p", .up), ("Enter", .open), ("Esc", .back),
        ])
        + bind(.composer, [
            ("C-s", .send), ("C-l", .schedule), ("C-o", .attach), ("C-t", .link), ("C-x", .externalEditor), ("Tab", .nextField),
            ("S-Tab", .previousField), ("Esc", .saveDraft), ("C-d", .discard), ("C-g", .insertTemplate),
        ])
        + bind(.followups, [("d", .finishFollowup), ("s", .snoozeFollowup), ("r", .reply)])
        + bind(.prompt, [("Enter", .confirm), ("Esc", .dismiss), ("Tab", .complete)])
    )

    private static func bind(_ context: KeyContext, _ pairs: [(String, Command)]) -> [Binding] {
        pairs.map { name, command in
            guard let key = Key(name) else { preconditionFailure("the default keymap names an unknown key: \(name)") }
            return Binding(key: key, command: command, context: context)
        }
    }
}
