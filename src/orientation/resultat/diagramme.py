"""Le réseau du patient en langage DOT (Graphviz), pour ``st.graphviz_chart``.

Le patient au centre ; autour de lui les clusters proposés, chacun comme une carte qui
liste ses acteurs (une trentaine de nœuds isolés seraient illisibles) ; les fonctions
d'appui mises en évidence (fond orangé, trait épais) et reliées au patient en pointillés.
Le texte est produit sans Graphviz : la page le donne au navigateur.
"""

from __future__ import annotations

import textwrap

from orientation.referentiel.vocabulaire import vocabulaire
from orientation.resultat import Orientation

_COULEURS_NIVEAU = {"simple": "#d1e7dd", "coordonne": "#cfe2ff", "complexe": "#f8d7da"}


def _texte(libelle: str, largeur: int = 24) -> str:
    """Un libellé DOT entre guillemets, coupé en lignes de ``largeur`` caractères."""
    lignes = textwrap.wrap(libelle, largeur) or [""]
    return '"' + "\\n".join(_echapper(ligne) for ligne in lignes) + '"'


def _echapper(texte: str) -> str:
    return texte.replace("\\", "\\\\").replace('"', '\\"')


def _ligne_gauche(texte: str, largeur: int = 34) -> str:
    """Une ligne d'acteur justifiée à gauche (``\\l``), coupée si elle est longue."""
    morceaux = textwrap.wrap(texte, largeur, subsequent_indent="   ") or [""]
    return "".join(_echapper(m) + "\\l" for m in morceaux)


def dot_reseau(o: Orientation) -> str:
    """Le graphe du réseau du patient pour une orientation (texte DOT, déterministe)."""
    v = vocabulaire()
    niveau = v.texte("reseau_niveau", niveau=v.valeur(o.niveau))
    lignes = [
        "graph reseau {",
        '  graph [layout=twopi, root=patient, overlap=false, splines=true, ranksep=2.2, '
        'bgcolor="transparent", fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=10, style=filled, color="#6c757d", '
        'fillcolor="#ffffff"];',
        '  edge [color="#adb5bd"];',
        f'  patient [label="{_echapper(v.texte("patient"))}\\n{_echapper(niveau)}", '
        f'shape=doublecircle, fixedsize=true, width=1.4, fontsize=12, '
        f'fillcolor="{_COULEURS_NIVEAU[o.niveau]}"];',
    ]
    for c in o.clusters:
        acteurs = "".join(_ligne_gauche(f"• {a.libelle}") for a in c.acteurs)
        titre = "\\n".join(_echapper(x) for x in textwrap.wrap(c.libelle, 34))
        lignes.append(f'  "c_{c.id}" [label="{titre}\\n\\n{acteurs}", shape=box, '
                      'style="rounded,filled", fillcolor="#e7f1ff", color="#0d6efd"];')
        lignes.append(f'  patient -- "c_{c.id}" [penwidth=1.5, color="#0d6efd"];')
    for a in o.appuis:
        lignes.append(f'  "p_{a.id}" [label={_texte(a.libelle)}, shape=box, '
                      'style="rounded,filled,bold", fillcolor="#ffe5b4", color="#fd7e14", '
                      'penwidth=2];')
        lignes.append(f'  patient -- "p_{a.id}" [style=dashed, color="#fd7e14", penwidth=2];')
    lignes.append("}")
    return "\n".join(lignes) + "\n"
