"""Every read and write of a YAML file goes through here (STYLE §4, SPEC §7).

* `diagnosis` — what is wrong with a file's encoding or syntax, in words;
* `reading` — bytes to plain data with positions: the date policy, duplicate keys,
  anchors and tags refused, encodings named, the 1 MiB limit;
* `scanning` — a few values of a file from parser events, for registry-wide rules;
* `writing` — atomic replacement (temporary file in the same folder + rename) and the
  ruamel.yaml round trip that keeps comments, quoting and key order.
"""

from ropcli.yamlio.diagnosis import decode
from ropcli.yamlio.reading import (
    MAX_FILE_BYTES,
    TAG_STR,
    Document,
    Loaded,
    content_digest,
    iter_yaml_files,
    join_pointer,
    parse_bytes,
    parse_text,
    read_file,
    split_pointer,
)
from ropcli.yamlio.scanning import scan_values
from ropcli.yamlio.writing import (
    LAYOUT,
    LAYOUTS,
    Layout,
    atomic_write,
    block_map,
    block_seq,
    flow_map,
    identifier,
    round_trip_dump,
    round_trip_load,
    scalar,
    text,
)

__all__ = [
    "LAYOUT",
    "LAYOUTS",
    "MAX_FILE_BYTES",
    "TAG_STR",
    "Document",
    "Layout",
    "Loaded",
    "atomic_write",
    "block_map",
    "block_seq",
    "content_digest",
    "decode",
    "flow_map",
    "identifier",
    "iter_yaml_files",
    "join_pointer",
    "parse_bytes",
    "parse_text",
    "read_file",
    "round_trip_dump",
    "round_trip_load",
    "scalar",
    "scan_values",
    "split_pointer",
    "text",
]
