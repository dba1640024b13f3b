# Both policies exist already. This change widens "exports" from one key to every key (the
# applied version named arn:aws:kms:eu-west-1:111122223333:key/2b7e9a10-5c3d-4e8f-9a1b-3c4d5e6f7a8b);
# "legacy_batch" is unchanged and already allowed every key.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_iam_policy" "exports" {
  name = "exports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "DecryptExports"
        Effect   = "Allow"
        Action   = ["kms:Decrypt"]
        Resource = "*"
      },
    ]
  })
}

resource "aws_iam_user" "legacy_batch" {
  name = "legacy-batch"
}

resource "aws_iam_user_policy" "legacy_batch" {
  name = "legacy-batch-decrypt"
  user = aws_iam_user.legacy_batch.name
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
      },
    ]
  })
}
