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
                             icon=":material/science:"),
                     st.Page("app_pages/territoire.py", title="Diagnostic territorial",
                             icon=":material/map:")],
    "Référentiel": [st.Page("app_pages/referentiel.py", title="Règles et paramètres",
                            icon=":material/menu_book:"),
                    st.Page("app_pages/gherkin.py", title="Scénarios des experts",
                            icon=":material/fact_check:"),
                    st.Page("app_pages/impact.py", title="Essai de règles",
                            icon=":material/compare_arrows:")],
})
page.run()
