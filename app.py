"""orientation — l'application Streamlit : la navigation, rien d'autre.

    streamlit run app.py

Les pages sont dans ``app_pages/`` ; toute la logique dans le paquet ``orientation``.
"""

import streamlit as st

from app_pages.composants import conserver_saisie

st.set_page_config(page_title="orientation — parcours complexes", page_icon="🧭",
                   layout="wide")
conserver_saisie()
page = st.navigation({
    "Médecin": [st.Page("app_pages/reperage.py", title="Repérage", default=True,
                        icon=":material/stethoscope:")],
    "Coordination": [st.Page("app_pages/scenarios.py", title="Scénarios",
                             icon=":material/science:")],
    "Référentiel": [st.Page("app_pages/referentiel.py", title="Règles et paramètres",
                            icon=":material/menu_book:")],
})
page.run()
