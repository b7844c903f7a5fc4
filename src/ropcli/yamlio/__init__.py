"""Every read and write of a YAML file goes through here (ARCHITECTURE.md).

* `diagnosis` — what is wrong with a file's encoding or syntax, in words;
* `files` — opening a file safely: regular files only (no links, devices or pipes), the
  1 MiB limit applied while reading;
* `reading` — bytes to plain data with positions (anchors refused, encodings named);
* `building` — nodes to plain data: the date policy, duplicate keys, tags, over-long numbers
  and over-deep nesting refused;
* `scanning` — a few values of a file from parser events, for registry-wide rules;
* `writing` — atomic replacement (temporary file in the same folder + rename) and the
  ruamel.yaml round trip that keeps comments, quoting and key order.
"""

from ropcli.yamlio.building import TAG_STR
from ropcli.yamlio.diagnosis import decode
from ropcli.yamlio.files import MAX_FILE_BYTES, iter_yaml_files, link_target
from ropcli.yamlio.reading import (
    Document,
    Loaded,
    content_digest,
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
    "link_target",
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
