"""``python -m twingen`` runs the CLI."""

from __future__ import annotations

from twingen.cli import main

if __name__ == "__main__":
    main()
