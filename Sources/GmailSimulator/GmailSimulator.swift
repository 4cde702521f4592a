enum GmailSimulatorPlaceholder {}
