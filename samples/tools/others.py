"""samples/other/: mail the watcher must ignore (filled in later)."""


def build():
    return {}
