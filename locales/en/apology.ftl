# Apology templates (English). Filled in by the generator; see DESIGN.md "Incident".
