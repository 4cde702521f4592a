enum MailSyncPlaceholder {}
