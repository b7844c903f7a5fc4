"""Changing site files safely: the scaffold of a new site, the entries `record` appends,
and the locked read–check–replace flow that writes them."""
