"""The coded corpus, importable as ``motives._data`` so that it ships in the wheel.

Nothing to import here: use :func:`motives.data.load_corpus`.
"""
