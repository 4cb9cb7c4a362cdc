"""The story model's role features of an actor candidate (branch `actors`; kept apart from :mod:`.story`'s other
features so each can change without the other): what the parse made of the candidate in the sentences that tell
the article's acts (:func:`.roles.note_roles`, the document's ledger).

- ``role=agent``: the candidate is the agent of an act by the parse ("X shelled", "killed by X", "X's strikes");
- ``role=sayer_only``: it is only ever the subject of a reporting verb beside an act ("..., police said"), never
  its agent: who reports an attack did not by that alone carry it out;
- ``role=victim``: it is named among the dead ("31 IS militants were killed");
- ``role=patient``: it is what an act was done to ("strikes on X");
- ``role=none``: it is named in the acts' sentences with none of these.

The features name roles, never an actor or a word: the same for any war. The learned weights decide what each
is worth (scripts/train_story_model.py, cross-validated on FA-KES's read part)."""
from __future__ import annotations

from typing import Optional

from ..actors import registry
from ..models import AnnotatedDocument


def _ledger(doc: AnnotatedDocument) -> tuple[dict[str, set[str]], Optional[str]]:
    return getattr(doc, "_actor_roles", None) or ({}, None)


def roles_of(doc: AnnotatedDocument, name: str) -> set[str]:
    """The roles the document's acts give the actor exported as ``name`` (its id, or an id whose exported name it
    is in the story's country)."""
    ledger, country = _ledger(doc)
    if not ledger:
        return set()
    reg = registry()
    a = reg.lookup(name)
    ids = {a.id} if a is not None else set()
    out: set[str] = set()
    for aid, roles in ledger.items():
        if aid in ids:
            out |= roles
            continue
        actor = reg.get(aid)
        if actor is not None and reg.resolved(actor, doc.doc.published).display(country) == name:
            out |= roles
    return out


def role_features(doc: AnnotatedDocument, name: str) -> list[str]:
    """The candidate's role features (module docstring)."""
    roles = roles_of(doc, name)
    if not roles:
        return []
    out = []
    if "agent" in roles:
        out.append("role=agent")
    elif "sayer" in roles:
        out.append("role=sayer_only")
    if "victim" in roles:
        out.append("role=victim")
    if "patient" in roles:
        out.append("role=patient")
    if not roles - {"named"}:
        out.append("role=none")
    return out


__all__ = ["role_features", "roles_of"]
