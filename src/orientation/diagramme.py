"""Le réseau du patient en langage DOT (Graphviz), pour ``st.graphviz_chart``.

Le patient au centre ; autour de lui les clusters proposés, chacun avec ses acteurs ; les
fonctions d'appui mises en évidence (fond orangé, trait épais) et reliées au patient en
pointillés. Le texte est produit sans Graphviz : la page le donne au navigateur.
"""

from __future__ import annotations

import textwrap

from orientation.resultat import Orientation

_COULEURS_NIVEAU = {"simple": "#d1e7dd", "coordonne": "#cfe2ff", "complexe": "#f8d7da"}
_LIBELLES_NIVEAU = {"simple": "parcours simple", "coordonne": "parcours coordonné",
                    "complexe": "parcours complexe"}


def _texte(libelle: str, largeur: int = 24) -> str:
    """Un libellé DOT entre guillemets, coupé en lignes de ``largeur`` caractères."""
    lignes = textwrap.wrap(libelle, largeur) or [""]
    echappe = [ligne.replace("\\", "\\\\").replace('"', '\\"') for ligne in lignes]
    return '"' + "\\n".join(echappe) + '"'


def dot_reseau(o: Orientation) -> str:
    """Le graphe du réseau du patient pour une orientation (texte DOT, déterministe)."""
    lignes = [
        "graph reseau {",
        '  graph [layout=twopi, root=patient, overlap=false, splines=true, ranksep=1.6, '
        'bgcolor="transparent", fontname="Helvetica"];',
        '  node [fontname="Helvetica", fontsize=10, style=filled, color="#6c757d", '
        'fillcolor="#ffffff"];',
        '  edge [color="#adb5bd"];',
        f'  patient [label="Patient\\n{_LIBELLES_NIVEAU[o.niveau]}", '
        f'shape=doublecircle, fontsize=12, fillcolor="{_COULEURS_NIVEAU[o.niveau]}"];',
    ]
    for c in o.clusters:
        lignes.append(f'  "c_{c.id}" [label={_texte(c.libelle)}, shape=box, '
                      'style="rounded,filled", fillcolor="#e7f1ff", color="#0d6efd"];')
        lignes.append(f'  patient -- "c_{c.id}" [penwidth=1.5, color="#0d6efd"];')
        for a in c.acteurs:
            lignes.append(f'  "a_{c.id}_{a.id}" [label={_texte(a.libelle, 20)}, shape=box, '
                          'fontsize=9];')
            lignes.append(f'  "c_{c.id}" -- "a_{c.id}_{a.id}";')
    for a in o.appuis:
        lignes.append(f'  "p_{a.id}" [label={_texte(a.libelle)}, shape=box, '
                      'style="rounded,filled,bold", fillcolor="#ffe5b4", color="#fd7e14", '
                      'penwidth=2];')
        lignes.append(f'  patient -- "p_{a.id}" [style=dashed, color="#fd7e14", penwidth=2];')
    lignes.append("}")
    return "\n".join(lignes) + "\n"
