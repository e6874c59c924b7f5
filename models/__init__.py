"""The default model, importable as ``motives._models`` so that it ships in the wheel.

Nothing to import here: ``motives.classify`` loads ``default/`` on first use.
"""
