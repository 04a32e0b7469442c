"""Les interfaces du paquet : service HTTP, CDS Hooks, FHIR."""
