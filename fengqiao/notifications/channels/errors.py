class DeliveryImpossible(Exception):
    """The recipient cannot be reached on this channel (e.g. no address): the delivery is skipped, not retried."""
