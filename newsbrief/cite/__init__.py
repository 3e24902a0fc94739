"""Citations and checks: which source spans back each brief sentence, and that every quote is verbatim."""
