"""The newsroom Q&A application: CLI, console chat and the Discord layer over `index`."""
