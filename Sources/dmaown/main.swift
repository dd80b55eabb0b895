print("dmaown")
