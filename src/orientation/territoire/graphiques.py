"""Les figures du diagnostic en graphiques Vega-Lite (Altair) : l'application les affiche
telles quelles (``st.altair_chart``), le rapport les rend en SVG (vl-convert).

Barres horizontales, pour que les libellés français se lisent en entier ; chaque barre porte
son effectif et sa part (« 123 · 12,3 % »), calculés ici et non par le navigateur, pour que
l'écran, le HTML et le PDF disent la même chose.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from orientation.referentiel import Referentiel
from orientation.referentiel.libelles import libelle
from orientation.territoire.diagnostic import Diagnostic, Figure

LARGEUR = 520
HAUTEUR_BARRE = 22
# Du plus léger au plus lourd : couleurs d'affichage, sans portée clinique.
COULEURS_NIVEAUX = ("#4c9a6a", "#e0a030", "#c0392b")


def nombre(x: float) -> str:
    return f"{x:,.0f}".replace(",", "\u202f")


def pourcent(p: float) -> str:
    return f"{p:.1%}".replace(".", ",").replace("%", "\u202f%")


def _etiquettes(df: pd.DataFrame) -> pd.DataFrame:
    return df.assign(etiquette=[f"{nombre(e)} · {pourcent(p)}"
                                for e, p in zip(df["effectif"], df["part"], strict=True)])


def _echelle_niveaux(referentiel: Referentiel) -> alt.Scale:
    niveaux = referentiel.catalogue.ordre_niveaux
    return alt.Scale(domain=[libelle(referentiel, "niveau", n) for n in niveaux],
                     range=list(COULEURS_NIVEAUX))


def _barres(figure: Figure, couleur: alt.Color | str = "#3b6ea8", tri: bool = True
            ) -> alt.Chart:
    df = _etiquettes(figure.tableau)
    ordre = list(df.sort_values("effectif", ascending=False)["libelle"]) if tri \
        else list(df["libelle"])
    base = alt.Chart(df).encode(
        y=alt.Y("libelle:N", sort=ordre, title=None, axis=alt.Axis(labelLimit=320)),
        x=alt.X("effectif:Q", title="Patients", axis=alt.Axis(tickCount=6)),
        tooltip=[alt.Tooltip("libelle:N", title=" "), alt.Tooltip("effectif:Q", title="Patients"),
                 alt.Tooltip("part:Q", title="Part", format=".1%")],
    )
    barres = base.mark_bar(color=couleur) if isinstance(couleur, str) \
        else base.mark_bar().encode(color=couleur)
    textes = base.mark_text(align="left", dx=4, fontSize=11).encode(text="etiquette:N")
    return (barres + textes).properties(width=LARGEUR,
                                        height=max(60, HAUTEUR_BARRE * len(df)))


def _empilees(figure: Figure, referentiel: Referentiel) -> alt.Chart:
    df = figure.tableau.copy()
    ordre_cat = list(dict.fromkeys(df["categorie"]))
    niveaux = [libelle(referentiel, "niveau", n) for n in referentiel.catalogue.ordre_niveaux]
    df["rang"] = df["niveau"].map({n: i for i, n in enumerate(niveaux)})
    barres = alt.Chart(df).mark_bar().encode(
        y=alt.Y("categorie:N", sort=ordre_cat, title=None, axis=alt.Axis(labelLimit=240)),
        x=alt.X("effectif:Q", title="Patients", stack="zero", axis=alt.Axis(tickCount=6)),
        color=alt.Color("niveau:N", scale=_echelle_niveaux(referentiel),
                        legend=alt.Legend(title=None, orient="bottom")),
        order=alt.Order("rang:Q"),
        tooltip=[alt.Tooltip("categorie:N", title=" "), alt.Tooltip("niveau:N", title=" "),
                 alt.Tooltip("effectif:Q", title="Patients"),
                 alt.Tooltip("part_categorie:Q", title="Part dans la catégorie", format=".1%"),
                 alt.Tooltip("part:Q", title="Part de la cohorte", format=".1%")],
    )
    totaux = df.groupby("categorie", sort=False)["effectif"].sum().reset_index()
    totaux["etiquette"] = [f"{nombre(e)} · {pourcent(e / figure.total if figure.total else 0)}"
                           for e in totaux["effectif"]]
    textes = alt.Chart(totaux).mark_text(align="left", dx=4, fontSize=11).encode(
        y=alt.Y("categorie:N", sort=ordre_cat), x="effectif:Q", text="etiquette:N")
    return (barres + textes).properties(width=LARGEUR,
                                        height=max(60, HAUTEUR_BARRE * len(ordre_cat)))


# Nombres à la française sur les axes (1 000, 12,5), à l'écran comme dans le rapport.
LOCALE = {"number": {"decimal": ",", "thousands": "\u202f", "grouping": [3],
                     "currency": ["", "\u00a0€"], "percent": "\u202f%"}}


def graphique(figure: Figure, referentiel: Referentiel) -> alt.Chart | None:
    """Le graphique d'une figure (None si elle est vide)."""
    chart = _graphique(figure, referentiel)
    if chart is None:
        return None
    # Marges : le SVG est mesuré avec les polices de vl-convert, affiché avec celles du
    # lecteur, souvent plus larges ; sans marge, les libellés des axes et des barres
    # seraient coupés au bord.
    return chart.configure(locale=LOCALE).properties(
        padding={"left": 40, "right": 60, "top": 5, "bottom": 5})


def _graphique(figure: Figure, referentiel: Referentiel) -> alt.Chart | None:
    if figure.tableau.empty:
        return None
    if figure.id == "niveaux":
        return _barres(figure, alt.Color("libelle:N", scale=_echelle_niveaux(referentiel),
                                         legend=None), tri=False)
    if figure.id in ("niveaux_par_age", "niveaux_par_commune"):
        return _empilees(figure, referentiel)
    if figure.id == "acteurs":
        ordre_clusters = [libelle(referentiel, "clusters", c)
                          for c in referentiel.catalogue.clusters]
        return _barres(figure, alt.Color("cluster:N", sort=ordre_clusters,
                                         legend=alt.Legend(title=None, orient="bottom",
                                                           columns=2, labelLimit=400)),
                       tri=False)
    if figure.id == "lacunes":
        return _barres(figure, "#8e44ad", tri=False)
    return _barres(figure)


def graphiques(diagnostic: Diagnostic, referentiel: Referentiel
               ) -> list[tuple[Figure, alt.Chart | None]]:
    return [(f, graphique(f, referentiel)) for f in diagnostic.figures]
