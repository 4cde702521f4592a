/// Placeholder until the server lands.
enum LoopbackServerPlaceholder {}
