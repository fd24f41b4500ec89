//! Ingest stage: files, folders, stdin, HTML, feeds, JSONL, manifests. (Being written.)
