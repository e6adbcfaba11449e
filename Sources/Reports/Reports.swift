// The Reports module will hold the EN/ES/PT report packs, SVG charts and catalogs (issue 7).
// It is declared now so that the package layout, and the one-way dependency rule (Engine imports none of
// the others), are fixed from the first commit; it has no code until that issue lands.
