"""Actors shared by the store tests (a uniquely named module, importable from test files)."""

from __future__ import annotations

from regiokompas.register import Actor

BEHEERDER = Actor("beheer", "beheerder")
GOUDA = Actor("red-gouda", "redacteur", "GM0513")
UTRECHT = Actor("red-utrecht", "redacteur", "GM0344")
LEZER = Actor("lees", "lezer")
