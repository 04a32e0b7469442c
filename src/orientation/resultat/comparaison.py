"""« Et si… ? » : ce qui change dans l'orientation quand la situation change.

Deux repérages côte à côte : le niveau, l'urgence, le PPS, et pour chaque liste (secteurs,
parcours, clusters, acteurs, fonctions d'appui, alertes, règles tirées) ce qui apparaît et
ce qui disparaît. On compare des résultats ; on ne décide rien.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from orientation.interfaces.formulaire import libelle_cle, saisie_depuis_situation
from orientation.referentiel.vocabulaire import majuscule, vocabulaire
from orientation.resultat import Orientation
from orientation.resultat.rapport import valeur_lisible
from orientation.situation.modele import Situation


@dataclass(frozen=True)
class Ecart:
    """Ce qu'une liste gagne et perd (libellés, dans l'ordre du résultat)."""

    ajouts: tuple[str, ...] = ()
    retraits: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.ajouts or self.retraits)


@dataclass(frozen=True)
class Difference:
    niveau: tuple[str, str]
    urgence: tuple[bool, bool]
    pps: tuple[bool, bool]
    listes: dict[str, Ecart] = field(default_factory=dict)
    """Par sorte (``secteurs``, ``acteurs``, ``appuis``, ``regles``…), ce qui est ajouté ou
    retiré."""

    @property
    def identique(self) -> bool:
        return (self.niveau[0] == self.niveau[1] and self.urgence[0] == self.urgence[1]
                and self.pps[0] == self.pps[1] and not any(self.listes.values()))

    def en_lignes(self) -> list[str]:
        """La différence en phrases : « Niveau : coordonné → complexe », « + Gestion de cas »."""
        v = vocabulaire()
        if self.identique:
            return [v.texte("aucun_changement")]
        lignes = []
        if self.niveau[0] != self.niveau[1]:
            lignes.append(v.texte("changement_niveau", avant=v.valeur(self.niveau[0]),
                                  apres=v.valeur(self.niveau[1])))
        if self.urgence[0] != self.urgence[1]:
            lignes.append(v.texte("urgence_apparait" if self.urgence[1] else "urgence_disparait"))
        if self.pps[0] != self.pps[1]:
            lignes.append(v.texte("pps_change", valeur=valeur_lisible(self.pps[1])))
        for sorte, ecart in self.listes.items():
            nom = majuscule(v.conclusions[sorte])
            lignes += [f"{nom} : + {x}" for x in ecart.ajouts]
            lignes += [f"{nom} : − {x}" for x in ecart.retraits]
        return lignes


def _ecart(avant: list[str], apres: list[str]) -> Ecart:
    return Ecart(ajouts=tuple(x for x in apres if x not in avant),
                 retraits=tuple(x for x in avant if x not in apres))


def _acteurs(o: Orientation) -> list[str]:
    return [f"{a.libelle} ({c.libelle})" for c in o.clusters for a in c.acteurs]


def comparer(avant: Orientation, apres: Orientation) -> Difference:
    """Ce qui change d'``avant`` à ``apres``."""
    v = vocabulaire()
    return Difference(
        niveau=(avant.niveau, apres.niveau),
        urgence=(avant.urgence, apres.urgence),
        pps=(avant.pps, apres.pps),
        listes={
            "secteurs": _ecart([v.valeur(s) for s in avant.secteurs],
                               [v.valeur(s) for s in apres.secteurs]),
            "parcours": _ecart([v.valeur(p) for p in avant.parcours],
                               [v.valeur(p) for p in apres.parcours]),
            "clusters": _ecart([c.libelle for c in avant.clusters],
                               [c.libelle for c in apres.clusters]),
            "acteurs": _ecart(_acteurs(avant), _acteurs(apres)),
            "appuis": _ecart([a.libelle for a in avant.appuis], [a.libelle for a in apres.appuis]),
            "alertes": _ecart([a.message for a in avant.alertes],
                              [a.message for a in apres.alertes]),
            "regles": _ecart([f"{e.regle} — {e.titre}" for e in avant.explications],
                             [f"{e.regle} — {e.titre}" for e in apres.explications]),
        },
    )


def champs_modifies(avant: Situation, apres: Situation) -> list[tuple[str, str, str]]:
    """Les champs de la situation qui diffèrent : (libellé, valeur avant, valeur après)."""
    a, b = saisie_depuis_situation(avant), saisie_depuis_situation(apres)
    return [(libelle_cle(k), valeur_lisible(a[k]), valeur_lisible(b[k]))
            for k in a if a[k] != b[k]]
