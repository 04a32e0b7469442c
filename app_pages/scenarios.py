import streamlit as st

st.title("Scénarios")
