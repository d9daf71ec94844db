"""What is built for the office and never installed with ocop_xl itself: the Windows bundle
(``make bundle``: ``release/bundle.py``) and the Vietnamese user guide (``make guide``:
``release/guide.py``)."""
