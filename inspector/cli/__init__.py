"""The command line: argument parsing, commands, and Rich output for terminals."""
