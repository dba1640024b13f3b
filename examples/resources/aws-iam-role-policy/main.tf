# An inline role policy (Security Hub KMS.2) limited to one account and one region, but to no
# key in particular: a low-severity finding, which the default --fail-on medium lets pass.

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

resource "aws_iam_role" "ingest" {
  name = "ingest"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Action    = "sts:AssumeRole"
        Effect    = "Allow"
        Principal = { Service = "lambda.amazonaws.com" }
      },
    ]
  })
}

resource "aws_iam_role_policy" "ingest_decrypt" {
  name = "ingest-decrypt"
  role = aws_iam_role.ingest.id

  policy = <<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Sid": "DecryptIngestKeys",
          "Effect": "Allow",
          "Action": "kms:Decrypt",
          "Resource": "arn:aws:kms:eu-west-1:111122223333:key/*"
        }
      ]
    }
  EOT
}
